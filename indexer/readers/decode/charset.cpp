#include "charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "text.h"

namespace dateline::charset {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The value after `key` (e.g. "charset=") up to a quote, space, ';' or '>'.
std::string value_after(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '"' || s[pos] == '\'')) ++pos;
    std::size_t end = pos;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                              s[end] == '_' || s[end] == '.' || s[end] == ':')) {
        ++end;
    }
    return std::string(s.substr(pos, end - pos));
}

// WHATWG's label mapping, reduced to the labels news pages use: browsers decode these labels
// with the superset encoding, and so must we or the page's curly quotes turn into garbage.
std::string canonical_name(std::string_view declared) {
    std::string n = lower_ascii(text::trim(declared));
    if (n == "utf8" || n == "utf-8" || n == "unicode-1-1-utf-8") return "UTF-8";
    if (n == "iso-8859-1" || n == "iso8859-1" || n == "latin1" || n == "latin-1" || n == "us-ascii" ||
        n == "ascii" || n == "l1" || n == "cp1252" || n == "windows-1252" || n == "iso_8859-1") {
        return "WINDOWS-1252";
    }
    if (n == "gb2312" || n == "gbk" || n == "x-gbk" || n == "gb_2312-80" || n == "chinese") return "GB18030";
    if (n == "iso-8859-9" || n == "latin5") return "WINDOWS-1254";
    if (n == "tis-620" || n == "iso-8859-11") return "WINDOWS-874";
    if (n == "shift_jis" || n == "sjis" || n == "x-sjis") return "CP932";
    if (n == "euc-kr") return "CP949";
    return lower_ascii(n);
}

// Decodes with iconv; a byte the encoding cannot decode becomes U+FFFD and decoding goes on.
// Returns false when iconv does not know the encoding.
bool iconv_to_utf8(std::string_view in, const std::string& from, std::string& out) {
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.clear();
    out.reserve(in.size() + in.size() / 4);
    char buffer[16384];
    char* src = const_cast<char*>(in.data());  // iconv's signature predates const
    std::size_t src_left = in.size();
    while (src_left > 0) {
        char* dst = buffer;
        std::size_t dst_left = sizeof buffer;
        std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
        out.append(buffer, static_cast<std::size_t>(dst - buffer));
        if (rc == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) continue;
            // EILSEQ (invalid) or EINVAL (cut short at the end): skip one byte.
            out += "\xEF\xBF\xBD";
            ++src;
            --src_left;
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
        }
    }
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    iconv(cd, nullptr, nullptr, &dst, &dst_left);
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    iconv_close(cd);
    return true;
}

// Counts well-formed multi-byte UTF-8 sequences and bytes that start none.
void count_utf8(std::string_view s, std::size_t& good, std::size_t& bad) {
    good = bad = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = len != 0 && i + len <= s.size() && text::is_valid_utf8(s.substr(i, len));
        if (ok) { ++good; i += len; }
        else { ++bad; ++i; }
    }
}

// Cyrillic in windows-1251 is whole words of bytes >= 0xC0; Latin-1 accents sit alone between
// ASCII letters.
bool looks_cyrillic_1251(std::string_view s) {
    std::size_t high = 0, in_runs = 0, run = 0;
    auto end_run = [&] {
        if (run >= 3) in_runs += run;
        run = 0;
    };
    for (unsigned char c : s) {
        if (c >= 0xC0 || c == 0xA8 || c == 0xB8) { ++high; ++run; }
        else end_run();
    }
    end_run();
    return high > 0 && in_runs * 2 > high;
}

bool mostly_utf8(std::string_view bytes) {
    std::size_t good, bad;
    count_utf8(bytes, good, bad);
    return bad == 0 || good >= 2 * bad;
}

// uchardet's answer for the bytes, "" when it has none.
std::string ask_uchardet(std::string_view bytes) {
    uchardet_t detector = uchardet_new();
    if (detector == nullptr) return {};
    std::string answer;
    if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
        uchardet_data_end(detector);
        if (const char* name = uchardet_get_charset(detector)) answer = name;
    }
    uchardet_delete(detector);
    return answer;
}

// A legacy encoding's bytes in UTF-8; the Latin-1 reading when iconv does not know it.
std::string legacy_to_utf8(std::string_view bytes, const std::string& encoding) {
    std::string out;
    if (iconv_to_utf8(bytes, encoding, out)) return text::repair_utf8(out);
    return text::repair_utf8(text::latin1_to_utf8(bytes));
}

std::string undeclared_to_utf8(std::string_view bytes) {
    if (mostly_utf8(bytes)) return text::repair_utf8(bytes);
    return legacy_to_utf8(bytes, guess(bytes));
}

}  // namespace

std::string guess(std::string_view bytes) {
    if (mostly_utf8(bytes)) return "UTF-8";
    // A long file says all it has to say in its first megabyte; uchardet reads every byte given.
    std::string answer = ask_uchardet(bytes.substr(0, 1u << 20));
    // The corrections measured in charset.h.
    if (answer == "ISO-8859-1") return "WINDOWS-1252";
    if (answer == "KOI8-R") return "KOI8-U";
    if (answer == "MAC-CYRILLIC") return "WINDOWS-1251";
    // No answer, or one the bytes just disproved: the Cyrillic or Western code page.
    if (answer.empty() || answer == "UTF-8" || answer == "ASCII") {
        return looks_cyrillic_1251(bytes) ? "WINDOWS-1251" : "WINDOWS-1252";
    }
    return answer;
}

std::string utf16_to_utf8(std::string_view piece, bool big_endian, std::string& carry) {
    std::string in = std::move(carry);
    in.append(piece);
    std::size_t whole = in.size() & ~std::size_t{1};
    if (whole >= 2) {
        // A high surrogate waits for the low one that completes its character.
        auto high = static_cast<unsigned char>(in[big_endian ? whole - 2 : whole - 1]);
        if (high >= 0xD8 && high <= 0xDB) whole -= 2;
    }
    carry = in.substr(whole);
    std::string out;
    iconv_to_utf8(std::string_view(in).substr(0, whole), big_endian ? "UTF-16BE" : "UTF-16LE", out);
    return text::repair_utf8(out);
}

StreamDecoder::StreamDecoder(std::string_view sample) {
    if (!mostly_utf8(sample)) encoding_ = guess(sample);
}

std::string StreamDecoder::decode(std::string_view piece) {
    if (text::is_valid_utf8(piece)) return std::string(piece);
    if (encoding_.empty()) {
        if (mostly_utf8(piece)) return text::repair_utf8(piece);
        encoding_ = guess(piece);
    }
    return legacy_to_utf8(piece, encoding_);
}

std::string declared_in_xml(std::string_view head) {
    std::string_view start = head.substr(0, 512);
    if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);
    std::size_t b = start.find("<?xml");
    if (b == std::string_view::npos || text::trim(start.substr(0, b)) != "") return {};
    std::size_t e = start.find("?>", b);
    std::string decl = lower_ascii(start.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    std::size_t p = decl.find("encoding");
    if (p == std::string::npos) return {};
    p = decl.find('=', p);
    if (p == std::string::npos) return {};
    std::size_t raw = p + 1;
    // Recover the original spelling from `start`, at the same offset.
    return value_after(start.substr(b), raw);
}

std::string declared_in_html(std::string_view head) {
    std::string h = lower_ascii(head.substr(0, 8192));
    for (std::size_t pos = h.find("<meta"); pos != std::string::npos; pos = h.find("<meta", pos + 5)) {
        std::size_t end = h.find('>', pos);
        std::string_view tag = std::string_view(h).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        std::size_t cs = tag.find("charset");
        if (cs == std::string_view::npos) continue;
        std::size_t eq = cs + 7;
        while (eq < tag.size() && tag[eq] == ' ') ++eq;
        if (eq >= tag.size() || tag[eq] != '=') continue;
        std::string v = value_after(tag, eq + 1);
        if (!v.empty()) return v;
    }
    return declared_in_xml(head);
}

std::string to_utf8(std::string_view bytes, std::string_view declared) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return text::repair_utf8(bytes.substr(3));
    std::string out;
    if (bytes.substr(0, 2) == "\xFF\xFE" && iconv_to_utf8(bytes.substr(2), "UTF-16LE", out)) return text::repair_utf8(out);
    if (bytes.substr(0, 2) == "\xFE\xFF" && iconv_to_utf8(bytes.substr(2), "UTF-16BE", out)) return text::repair_utf8(out);

    std::string name = canonical_name(declared);
    if (name.empty() || name == "UTF-8" || name.starts_with("utf-16")) {
        // A UTF-16 label on a file without a byte-order mark is a lie: the bytes were parsed
        // as ASCII-compatible to find the label at all.
        return undeclared_to_utf8(bytes);
    }
    if (text::is_valid_utf8(bytes)) {
        // Pages re-saved as UTF-8 keep their old declaration; text in a legacy encoding that
        // happens to be valid multi-byte UTF-8 is vanishingly rare.
        std::size_t good, bad;
        count_utf8(bytes, good, bad);
        if (good > 0) return text::repair_utf8(bytes);
    }
    if (iconv_to_utf8(bytes, name, out)) return text::repair_utf8(out);
    return undeclared_to_utf8(bytes);
}

}  // namespace dateline::charset
