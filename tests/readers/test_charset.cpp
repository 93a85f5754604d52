// Encodings: the rules of charset.h one by one, and files that declare none: plain text and CSV
// in each legacy encoding an archive holds, encoded with iconv here from UTF-8 texts, must read
// back as the same UTF-8.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "charset.h"
#include "csv_reader.h"
#include "test_encode.h"
#include "test_paths.h"
#include "text_reader.h"

using namespace dateline;

namespace {

using dateline::testing::encode;

struct Story {
    const char* language;
    const char* headline;
    const char* body;
};

const Story russian{"ru", "Паводок в Барнауле пошёл на спад",
                    "Уровень воды в реке Обь у Барнаула за сутки снизился на двадцать сантиметров, сообщили в "
                    "городском управлении по делам гражданской обороны. Жители прибрежных улиц начали возвращаться "
                    "в свои дома, а спасатели продолжают дежурить у дамбы."};
const Story ukrainian{"uk", "У Рівному відкрили новий міст через Устя",
                      "Рух новим мостом через річку Устя відкрили в четвер, повідомили в міській раді. Будівництво "
                      "тривало два роки, а його вартість склала майже сорок мільйонів гривень. Її голова пообіцяв, "
                      "що наступного року відремонтують і старий міст."};
const Story german{"de", "Bürgermeister eröffnet die Brücke über die Mur",
                   "Die neue Fußgängerbrücke über die Mur ist am Samstag für den Verkehr freigegeben worden, "
                   "teilte die Stadt Graz mit. Der Bau dauerte knapp zwei Jahre und kostete rund zwölf Millionen "
                   "Euro, wie ein Sprecher sagte."};
const Story french{"fr", "Grève à la SNCF : trafic très perturbé jeudi",
                   "Le trafic sera très perturbé jeudi sur l'ensemble du réseau, a prévenu la direction de la "
                   "SNCF mercredi soir. « Nous conseillons aux voyageurs de reporter leur déplacement », a déclaré "
                   "un porte-parole, évoquant une grève reconduite pour la troisième journée."};

std::string story_text(const Story& s) { return std::string(s.headline) + "\n\n" + s.body + "\n"; }

Article read_text(const std::string& bytes) {
    std::vector<Article> out;
    TextReader().read({"story.txt", bytes}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    REQUIRE(out.size() == 1);
    return out[0];
}

std::vector<Article> read_csv(const std::string& bytes) {
    std::vector<Article> out;
    CsvReader().read({"export.csv", bytes}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}

std::string csv_of(const std::vector<Story>& stories) {
    std::string table = "title;text\n";
    for (const Story& s : stories) table += std::string(s.headline) + ";\"" + s.body + "\"\n";
    return table;
}

struct Case {
    const char* encoding;
    std::vector<Story> stories;
};

}  // namespace

TEST_CASE("plain text and CSV in each legacy encoding read back as the UTF-8 they were written from") {
    const std::vector<Case> cases = {
        {"WINDOWS-1251", {russian, ukrainian}},
        {"KOI8-R", {russian}},
        {"KOI8-U", {ukrainian}},
        {"WINDOWS-1252", {german, french}},
        {"ISO-8859-1", {german}},
        {"UTF-8", {russian, ukrainian, german, french}},
    };
    for (const Case& c : cases) {
        for (const Story& s : c.stories) {
            CAPTURE(c.encoding);
            CAPTURE(s.language);
            std::string bytes = encode(story_text(s), c.encoding);
            REQUIRE(!bytes.empty());
            Article a = read_text(bytes);
            CHECK(a.title == s.headline);
            CHECK(a.body == s.body);
        }
        CAPTURE(c.encoding);
        std::string table = encode(csv_of(c.stories), c.encoding);
        REQUIRE(!table.empty());
        auto rows = read_csv(table);
        REQUIRE(rows.size() == c.stories.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CHECK(rows[i].title == c.stories[i].headline);
            CHECK(rows[i].body == c.stories[i].body);
        }
    }
}

TEST_CASE("UTF-16 with a byte-order mark, little- and big-endian") {
    for (const char* encoding : {"UTF-16LE", "UTF-16BE"}) {
        CAPTURE(encoding);
        std::string bom = std::string(encoding) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
        std::string bytes = bom + encode(story_text(russian), encoding);
        Article a = read_text(bytes);
        CHECK(a.title == russian.headline);
        CHECK(a.body == russian.body);
        auto rows = read_csv(bom + encode(csv_of({german, french}), encoding));
        REQUIRE(rows.size() == 2);
        CHECK(rows[1].body == french.body);
    }
}

TEST_CASE("a stream's pieces are decoded in the encoding of the file, guessed once") {
    // A short line alone is too little to tell windows-1251 from KOI8; the file's first bytes are not.
    std::string sample = encode(story_text(russian), "KOI8-R");
    charset::StreamDecoder decoder(sample);
    CHECK(decoder.encoding() == "KOI8-U");
    CHECK(decoder.decode(encode("Да", "KOI8-R")) == "Да");
    // A UTF-8 piece is read as UTF-8 whatever the guess.
    CHECK(decoder.decode("Grüße") == "Grüße");

    charset::StreamDecoder plain("{\"title\": \"ASCII only\"}\n");
    CHECK(plain.encoding().empty());
    CHECK(plain.decode(encode(german.body, "WINDOWS-1252")) == german.body);
    CHECK(plain.encoding() == "WINDOWS-1252");
}

// The rules of charset.h one by one, on the functions themselves.
TEST_CASE("a byte-order mark wins over any declaration") {
    CHECK(charset::to_utf8("\xEF\xBB\xBF" + encode(german.headline, "UTF-8"), "windows-1251") == german.headline);
    CHECK(charset::to_utf8("\xFF\xFE" + encode(russian.headline, "UTF-16LE"), "iso-8859-1") == russian.headline);
    CHECK(charset::to_utf8("\xFE\xFF" + encode(russian.headline, "UTF-16BE"), "") == russian.headline);
}

TEST_CASE("declared labels are read as browsers read them") {
    // ISO-8859-1 and US-ASCII mean windows-1252: the curly quotes of 0x93/0x94 survive.
    CHECK(charset::to_utf8("\x93Gr\xE8ve\x94", "ISO-8859-1") == "\xE2\x80\x9CGr\xC3\xA8ve\xE2\x80\x9D");
    CHECK(charset::to_utf8("\x93quoted\x94", "us-ascii") == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
    // GB2312 means GB18030, whose superset decodes characters GB2312 lacks.
    CHECK(charset::to_utf8(encode("北京新闻", "GB18030"), "gb2312") == "北京新闻");
    // A declared single-byte encoding is used as declared.
    CHECK(charset::to_utf8(encode(russian.headline, "KOI8-R"), "koi8-r") == russian.headline);
    // A UTF-16 label without a byte-order mark is a lie: the bytes are read as undeclared.
    CHECK(charset::to_utf8(german.headline, "utf-16") == german.headline);
}

TEST_CASE("the declaration is looked for where it may be") {
    CHECK(charset::declared_in_xml("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"KOI8-R\"?><a/>") == "KOI8-R");
    CHECK(charset::declared_in_xml("<a>no declaration</a>") == "");
    CHECK(charset::declared_in_xml("<a/><?xml version=\"1.0\" encoding=\"KOI8-R\"?>") == "");  // not first: not one
    CHECK(charset::declared_in_html("<html><head><meta charset = 'Shift_JIS'></head>") == "shift_jis");  // as a lower-case label
    // XHTML: the XML declaration when no meta tag says anything.
    CHECK(charset::declared_in_html("<?xml version=\"1.0\" encoding=\"windows-1250\"?><html/>") == "windows-1250");
    // Only the first 8 KiB are looked at.
    std::string late = "<html><head>" + std::string(9000, ' ') + "<meta charset=\"windows-1251\"></head>";
    CHECK(charset::declared_in_html(late) == "");
}

TEST_CASE("undeclared bytes: UTF-8 when they mostly are, else the legacy encoding they read best in") {
    CHECK(charset::guess(encode(german.body, "UTF-8")) == "UTF-8");
    CHECK(charset::guess(encode(russian.body, "WINDOWS-1251")) == "WINDOWS-1251");
    CHECK(charset::guess(encode(german.body, "WINDOWS-1252")) == "WINDOWS-1252");
    // Mostly UTF-8 with one stray byte: repaired, not re-read as Latin-1.
    CHECK(charset::to_utf8(std::string(german.body) + "\xFF", "") == std::string(german.body) + "\xEF\xBF\xBD");
}

TEST_CASE("UTF-16 read in pieces: a character cut at a piece's end waits for the next") {
    const std::string text = "Grüße aus Köln 🚢 Ende";  // the ship is a surrogate pair
    for (bool big_endian : {false, true}) {
        CAPTURE(big_endian);
        std::string bytes = encode(text, big_endian ? "UTF-16BE" : "UTF-16LE");
        for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
            CAPTURE(cut);
            std::string carry;
            std::string out = charset::utf16_to_utf8(bytes.substr(0, cut), big_endian, carry);
            out += charset::utf16_to_utf8(bytes.substr(cut), big_endian, carry);
            CHECK(out == text);
            CHECK(carry.empty());
        }
    }
}

// The measurement behind charset::guess, kept as a check: every Russian, Ukrainian and German
// text of the shared corpora, converted to the legacy encodings, decodes back unchanged.
TEST_CASE("the shared corpora's Russian, Ukrainian and German texts in legacy encodings") {
    DATELINE_REQUIRE_SHARED();
    const auto root = testing::shared_dir() / "corpora" / "formats" / "multilingual";
    std::vector<std::pair<std::string, std::string>> texts;  // language, UTF-8 text
    for (const auto& e : std::filesystem::directory_iterator(root / "ru-zvezdaaltaya" / "articles")) {
        if (e.path().string().ends_with("_raw.txt")) texts.emplace_back("ru", testing::read_file(e.path()));
    }
    for (const auto& e : std::filesystem::directory_iterator(root / "uk-brown-uk-press" / "texts")) {
        texts.emplace_back("uk", testing::read_file(e.path()));
    }
    std::ifstream csv(root / "de-10kgnad" / "test.csv");
    std::size_t german = 0;
    for (std::string line; std::getline(csv, line) && german < 300;) {
        std::size_t start = line.find(";'");
        if (start == std::string::npos) continue;
        texts.emplace_back("de", line.substr(start + 2));
        ++german;
    }
    REQUIRE(texts.size() > 450);
    const std::vector<std::pair<std::string, const char*>> encodings = {
        {"ru", "WINDOWS-1251"}, {"ru", "KOI8-R"}, {"uk", "WINDOWS-1251"}, {"uk", "KOI8-U"},
        {"de", "WINDOWS-1252"}, {"de", "ISO-8859-1"}};
    for (const auto& [language, encoding] : encodings) {
        std::size_t tried = 0, right = 0;
        for (const auto& [lang, text] : texts) {
            if (lang != language) continue;
            // Characters the encoding lacks (« », em dashes in KOI8-R) are transliterated first.
            std::string bytes = encode(text, (std::string(encoding) + "//TRANSLIT").c_str());
            if (bytes.empty() || bytes == text) continue;
            std::string expected = charset::to_utf8(bytes, encoding);
            ++tried;
            right += charset::to_utf8(bytes, "") == expected ? 1 : 0;
        }
        CAPTURE(encoding);
        CAPTURE(language);
        CHECK(tried > 50);
        CHECK(right == tried);
    }
}
