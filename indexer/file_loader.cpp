#include "file_loader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "text.h"

namespace dateline {

bool is_gzip(const std::string& data) {
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

std::string gunzip(const std::string& compressed, std::size_t max_bytes) {
    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip header.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw LoadError("cannot start gzip decompression");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    char buffer[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw LoadError(rc == Z_BUF_ERROR ? "the gzip stream is truncated"
                                              : std::string("the gzip stream is damaged (") + (zs.msg ? zs.msg : "invalid data") + ")");
        }
        out.append(buffer, sizeof buffer - zs.avail_out);
        if (out.size() > max_bytes) {
            inflateEnd(&zs);
            throw LoadError("decompresses to more than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB, over the file size limit");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw LoadError("the gzip stream is truncated");
        }
    }
    inflateEnd(&zs);
    return out;
}

std::string load_file(const std::string& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LoadError(std::string("cannot open: ") + std::strerror(errno));
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0) throw LoadError("cannot read the file (not a regular file?)");
    if (static_cast<std::size_t>(size) > max_bytes) {
        throw LoadError("the file is " + std::to_string(size / (1024 * 1024)) + " MiB, over the limit of " +
                        std::to_string(max_bytes / (1024 * 1024)) + " MiB");
    }
    in.seekg(0);
    std::string data(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(data.data(), size)) throw LoadError(std::string("read error: ") + std::strerror(errno));
    if (data.empty()) throw LoadError("the file is empty");
    if (is_gzip(data)) data = gunzip(data, max_bytes);
    if (text::trim(data).empty()) throw LoadError("the file holds only white space");
    if (text::looks_binary(data)) throw LoadError("a binary file, not an article in a supported format");
    return data;
}

}  // namespace dateline
