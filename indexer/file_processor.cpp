#include "file_processor.h"

#include <chrono>
#include <filesystem>

#include "file_loader.h"
#include "language_id.h"
#include "sidecar.h"
#include "text.h"

namespace dateline {

FileProcessor::FileProcessor(const IndexOptions& options) : options_(options), extractor_(options.aliases) {}

FileResult FileProcessor::process(const FileTask& task, DocumentBuilder& builder, const BatchSink& hand_on) const {
    const IndexOptions& options = options_;
    FileResult r;
    r.record.path = task.file.path;
    r.record.size = task.file.size;
    r.record.mtime_ns = task.file.mtime_ns;
    bool was_new = !task.previous.has_value();
    auto fail = [&](FileState state, const std::string& why) {
        r.state = state;
        r.record.reason = why;
        r.built.clear();
        r.articles.clear();
        return std::move(r);
    };
    std::optional<InputFile> input;
    try {
        input.emplace(task.file.path);
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
    const Reader* reader = options.format == "auto" ? detect_reader(task.file.path, input->head()) : reader_named(options.format);
    if (!reader) return fail(FileState::failed, "not a format Dateline reads (use --format to choose one)");
    const bool stream = reader->streams();

    std::string data;
    if (!stream) {
        try {
            data = input->read_all();
        } catch (const LoadError& e) {
            return fail(FileState::failed, e.what());
        }
    }
    // The content hash of everything read so far, and of the sidecar.
    auto content_hash = [&] {
        std::uint64_t h = input->hash();
        if (!sidecar_data.empty()) h = text::hash64(sidecar_data, text::hash64("\x1f", h));
        return text::hex64(h);
    };
    if (!stream) r.record.content_hash = content_hash();
    if (task.previous && !task.previous->failed && !options.full) {
        bool same = false;
        try {
            // A streamed file is hashed in a pass of its own, only when its size says it may be
            // the same: reading it twice costs less than parsing it for nothing.
            if (stream && task.previous->size == task.file.size) input->drain();
            same = (!stream || task.previous->size == task.file.size) && task.previous->content_hash == content_hash();
            if (stream && !same) input.emplace(task.file.path);
        } catch (const LoadError& e) {
            return fail(FileState::failed, e.what());
        }
        if (same) {
            r.record.content_hash = task.previous->content_hash;
            r.state = FileState::touched;
            r.record.reason = task.previous->reason;
            return r;
        }
    }

    std::optional<Article> sidecar;
    ReaderOptions reader_options = options.reader;
    if (task.file.mtime_ns != 0) {
        // Discovery counts from the file clock's own epoch, which is not the Unix one.
        std::filesystem::file_time_type mtime(std::chrono::duration_cast<std::filesystem::file_time_type::duration>(
            std::chrono::nanoseconds(task.file.mtime_ns)));
        reader_options.file_modified = std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(mtime));
    }
    if (!task.file.sidecar.empty()) {
        try {
            sidecar = read_sidecar(sidecar_data, options.reader);
        } catch (const ReadError& e) {
            return fail(FileState::failed, "its metadata file " + task.file.sidecar + " cannot be used: " + e.what());
        }
        reader_options.known_title = sidecar->title;
    }
    SourceFile source{task.file.path, stream ? input->head() : std::move(data), stream ? &*input : nullptr,
                      [&](std::size_t line, const std::string& why) {
                          if (r.warning_count++ < kMaxWarningsShown) r.warnings.emplace_back(line, why);
                      }};
    std::size_t batch_text = 0;
    auto emit = [&](Article&& a) {
        if (sidecar) apply_sidecar(*sidecar, a);
        a.source_path = task.file.path;
        if (a.language.empty()) a.language = identify_language(a.title + "\n" + text::truncate_utf8(a.body, 1024));
        extract_entities(a, extractor_, options.extract);
        assign_id(a);
        batch_text += a.title.size() + a.body.size();
        if (options.dry_run) {
            r.articles.push_back(std::move(a));
        } else {
            BuiltArticle b;
            b.id_term = DocumentBuilder::id_term(a);
            b.text_bytes = a.title.size() + a.body.size();
            b.doc = builder.build(a);
            r.built.push_back(std::move(b));
        }
        if (r.built.size() + r.articles.size() >= kBatchArticles || batch_text >= kBatchTextBytes) {
            hand_on(FileBatch{task.file.path, std::move(r.built), std::move(r.articles)});
            r.built.clear();
            r.articles.clear();
            r.handed_on = true;
            batch_text = 0;
        }
    };
    // What a failure says when articles were already handed on: they stay indexed.
    auto after_batches = [&](std::string why) {
        if (r.handed_on) why += " (the articles before it are indexed)";
        return why;
    };
    try {
        reader->read(source, reader_options, emit);
        if (stream) input->drain();
    } catch (const StopReading&) {
        r.state = FileState::interrupted;
        return r;
    } catch (const NotAnArticle& e) {
        if (r.handed_on) return fail(FileState::failed, e.what());
        // Remembered with its content hash, so that it is not read again until it changes.
        try {
            if (stream) input->drain();
        } catch (const LoadError& damage) {
            return fail(FileState::failed, damage.what());
        }
        r.record.content_hash = content_hash();
        return fail(FileState::not_article, e.what());
    } catch (const ReadError& e) {
        // A file read whole gives nothing when it fails: it is reported, and read again once it
        // is mended.
        return fail(FileState::failed,
                    after_batches((e.line() ? "line " + std::to_string(e.line()) + ": " : std::string()) + e.what()));
    } catch (const std::exception& e) {
        // A reader bug must not take the run down: the file is reported like any bad file.
        return fail(FileState::failed, after_batches(std::string("could not be read (") + e.what() + ")"));
    }
    r.record.content_hash = content_hash();
    // A well-formed file with no story in it (an empty NITF shell, a NewsML picture or planning
    // item) is not an error: it is skipped like any file that is not an article.
    if (!r.handed_on && r.built.empty() && r.articles.empty()) return fail(FileState::not_article, "no news article in the file");
    r.state = was_new ? FileState::new_file : FileState::changed;
    return r;
}

}  // namespace dateline
