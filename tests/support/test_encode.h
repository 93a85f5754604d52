// Test inputs in legacy encodings, made from UTF-8 text with glibc's iconv at test time, so no
// file in a legacy encoding has to be kept in the repository.
#pragma once

#include <doctest/doctest.h>
#include <iconv.h>

#include <string>

namespace dateline::testing {

// `utf8` in `encoding` (an iconv name: "WINDOWS-1251", "KOI8-R", "UTF-16LE"...); empty when
// iconv cannot encode every character. Fails the test when iconv does not know the encoding.
inline std::string encode(const std::string& utf8, const char* encoding) {
    iconv_t cd = iconv_open(encoding, "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4 + 8, '\0');
    char* src = const_cast<char*>(utf8.data());
    std::size_t src_left = utf8.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) return {};
    out.resize(out.size() - dst_left);
    return out;
}

}  // namespace dateline::testing
