// export_html: turns `dateline-index --dry-run --json` output (one article per line on stdin)
// into one small HTML file per article in a folder, so Xapian's omindex can index the very
// same stories as a reference in scripts/bench.
//
//   dateline-index --dry-run --json CORPUS | export_html OUTDIR
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

std::string escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: export_html OUTDIR < articles.jsonl\n";
        return 2;
    }
    std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    std::string line;
    std::size_t n = 0;
    while (std::getline(std::cin, line)) {
        nlohmann::json a = nlohmann::json::parse(line, nullptr, false);
        if (a.is_discarded()) continue;
        std::ofstream out(dir / (std::to_string(n / 1000) + "-" + std::to_string(n) + ".html"));
        out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" << escape(a.value("title", ""))
            << "</title></head><body>";
        std::string body = a.value("body", "");
        std::size_t start = 0;
        while (start < body.size()) {
            std::size_t end = body.find("\n\n", start);
            if (end == std::string::npos) end = body.size();
            out << "<p>" << escape(body.substr(start, end - start)) << "</p>";
            start = end + 2;
        }
        out << "</body></html>\n";
        ++n;
    }
    std::cerr << "export_html: " << n << " files written to " << dir.string() << "\n";
    return 0;
}
