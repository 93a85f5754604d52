#include "file_processor.h"

#include "file_loader.h"
#include "language_id.h"
#include "sidecar.h"
#include "text.h"

namespace dateline {

FileResult process_file(const FileTask& task, const IndexOptions& options, const EntityExtractor& extractor,
                        DocumentBuilder& builder) {
    FileResult r;
    r.record.path = task.file.path;
    r.record.size = task.file.size;
    r.record.mtime_ns = task.file.mtime_ns;
    bool was_new = !task.previous.has_value();
    auto fail = [&](FileState state, const std::string& why) {
        r.state = state;
        r.record.reason = why;
        r.built.clear();
        return std::move(r);
    };
    std::string data;
    try {
        data = load_file(task.file.path);
    } catch (const LoadError& e) {
        return fail(FileState::failed, e.what());
    }
    std::string sidecar_data;
    if (!task.file.sidecar.empty()) {
        try {
            sidecar_data = load_file(task.file.sidecar);
        } catch (const LoadError& e) {
            return fail(FileState::failed, "its metadata file " + task.file.sidecar + ": " + e.what());
        }
    }
    r.record.content_hash = text::hash_hex(sidecar_data.empty() ? data : data + '\x1f' + sidecar_data);
    if (task.previous && !task.previous->failed && task.previous->content_hash == r.record.content_hash &&
        !options.full) {
        r.state = FileState::touched;
        r.record.reason = task.previous->reason;
        return r;
    }
    const Reader* reader = options.format == "auto" ? detect_reader(task.file.path, std::string_view(data).substr(0, 65536))
                                                    : reader_named(options.format);
    if (!reader) return fail(FileState::failed, "not a format Dateline reads (use --format to choose one)");

    std::optional<Article> sidecar;
    ReaderOptions reader_options = options.reader;
    if (!task.file.sidecar.empty()) {
        try {
            sidecar = read_sidecar(sidecar_data, options.reader);
        } catch (const ReadError& e) {
            return fail(FileState::failed, "its metadata file " + task.file.sidecar + " cannot be used: " + e.what());
        }
        reader_options.known_title = sidecar->title;
    }
    SourceFile source{task.file.path, std::move(data)};
    auto emit = [&](Article&& a) {
        if (sidecar) apply_sidecar(*sidecar, a);
        a.source_path = task.file.path;
        if (a.language.empty()) a.language = identify_language(a.title + "\n" + text::truncate_utf8(a.body, 1024));
        extract_entities(a, extractor, options.extract);
        assign_id(a);
        if (options.dry_run) {
            r.articles.push_back(std::move(a));
            return;
        }
        BuiltArticle b;
        b.id_term = DocumentBuilder::id_term(a);
        b.text_bytes = a.title.size() + a.body.size();
        b.doc = builder.build(a);
        r.built.push_back(std::move(b));
    };
    try {
        reader->read(source, reader_options, emit);
    } catch (const NotAnArticle& e) {
        return fail(FileState::not_article, e.what());
    } catch (const ReadError& e) {
        // Articles read before the damage stay out too: the file is reported and skipped whole,
        // and read again once it is mended.
        return fail(FileState::failed, (e.line() ? "line " + std::to_string(e.line()) + ": " : std::string()) + e.what());
    } catch (const std::exception& e) {
        // A reader bug must not take the run down: the file is reported like any bad file.
        return fail(FileState::failed, std::string("could not be read (") + e.what() + ")");
    }
    // A well-formed file with no story in it (an empty NITF shell, a NewsML picture or planning
    // item) is not an error: it is skipped like any file that is not an article.
    if (r.built.empty() && r.articles.empty()) return fail(FileState::not_article, "no news article in the file");
    r.state = was_new ? FileState::new_file : FileState::changed;
    return r;
}

}  // namespace dateline
