// libFuzzer target for the "text" reader (see fuzz_reader.h and scripts/fuzz).
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return dateline::fuzzing::read_with("text", "story.txt", data, size);
}
