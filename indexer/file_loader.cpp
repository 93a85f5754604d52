#include "file_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "charset.h"
#include "text.h"

namespace dateline {
namespace {

std::string mib(std::uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

InputFile::InputFile(const std::string& path) : hash_(text::kHash64Start) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw LoadError(std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw LoadError("cannot read the file (not a regular file?)");
    }
    disk_bytes_ = static_cast<std::uint64_t>(st.st_size);
    if (disk_bytes_ == 0) {
        ::close(fd);
        throw LoadError("the file is empty");
    }
    // zlib reads a file that is not gzip as it is, so one path serves both.
    gz_.reset(gzdopen(fd, "rb"));
    if (!gz_) {
        ::close(fd);
        throw LoadError("cannot start reading the file");
    }
    gzbuffer(gz_.get(), 256 * 1024);

    std::string raw(kHeadBytes, '\0');
    std::size_t got = 0;
    while (got < raw.size()) {
        std::size_t n = read_raw(raw.data() + got, raw.size() - got);
        if (n == 0) break;
        got += n;
    }
    raw.resize(got);
    if (raw.starts_with("\xFF\xFE") || raw.starts_with("\xFE\xFF")) {
        utf16_ = raw[0] == '\xFF' ? 1 : 2;
        head_ = charset::utf16_to_utf8(std::string_view(raw).substr(2), utf16_ == 2, utf16_carry_);
    } else {
        head_ = std::move(raw);
    }
    hash_ = text::hash64(head_, hash_);
    if (head_.empty()) throw LoadError("the file is empty");
    if (ended_ && text::trim(head_).empty()) throw LoadError("the file holds only white space");
    if (text::looks_binary(head_)) throw LoadError("a binary file, not an article in a supported format");
}

std::size_t InputFile::read_raw(char* buffer, std::size_t size) {
    if (ended_) return 0;
    int n = gzread(gz_.get(), buffer, static_cast<unsigned>(std::min<std::size_t>(size, 1u << 30)));
    if (n > 0) return static_cast<std::size_t>(n);
    int err = Z_OK;
    const char* message = gzerror(gz_.get(), &err);
    if (err == Z_BUF_ERROR) throw LoadError("the gzip stream is truncated");
    if (err == Z_DATA_ERROR) throw LoadError(std::string("the gzip stream is damaged (") + (message ? message : "invalid data") + ")");
    if (err == Z_ERRNO) throw LoadError(std::string("read error: ") + std::strerror(errno));
    if (err != Z_OK) throw LoadError(std::string("cannot read the file (") + (message ? message : "zlib error") + ")");
    ended_ = true;
    return 0;
}

std::size_t InputFile::read_decoded(char* buffer, std::size_t size) {
    if (!utf16_) return read_raw(buffer, size);
    while (decoded_at_ == decoded_.size()) {
        char raw[65536];
        std::size_t n = read_raw(raw, sizeof raw);
        if (n == 0) return 0;
        decoded_ = charset::utf16_to_utf8(std::string_view(raw, n), utf16_ == 2, utf16_carry_);
        decoded_at_ = 0;
    }
    std::size_t n = std::min(size, decoded_.size() - decoded_at_);
    std::memcpy(buffer, decoded_.data() + decoded_at_, n);
    decoded_at_ += n;
    return n;
}

std::size_t InputFile::read(char* buffer, std::size_t size) {
    std::size_t n = read_decoded(buffer, size);
    hash_ = text::hash64(std::string_view(buffer, n), hash_);
    return n;
}

std::string InputFile::read_all(std::size_t max_bytes) {
    if (disk_bytes_ > max_bytes) {
        throw LoadError("the file is " + mib(disk_bytes_) + ", over the limit of " + mib(max_bytes));
    }
    std::string data = head_;
    char buffer[65536];
    while (std::size_t n = read(buffer, sizeof buffer)) {
        data.append(buffer, n);
        if (data.size() > max_bytes) {
            throw LoadError("decompresses to more than " + mib(max_bytes) + ", over the file size limit");
        }
    }
    if (text::trim(data).empty()) throw LoadError("the file holds only white space");
    return data;
}

void InputFile::drain() {
    char buffer[65536];
    while (read(buffer, sizeof buffer) > 0) {
    }
}

std::string load_file(const std::string& path, std::size_t max_bytes) { return InputFile(path).read_all(max_bytes); }

}  // namespace dateline
