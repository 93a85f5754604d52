// Encodings of files that declare none: plain text and CSV in each legacy encoding an archive
// holds, encoded with iconv here from UTF-8 texts, must read back as the same UTF-8.
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
