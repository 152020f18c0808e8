// The one writer of every file EquiLab writes (scenarios, models, the autosave, exports, IDX
// files): a write completes or changes nothing.
//
//   1. a temporary file "<name>.tmp-XXXXXX" is created in the target's folder (O_EXCL, mode 0666
//      less the umask, the old file's mode when there is one);
//   2. the bytes go out in chunks of at most kWriteChunk through write(2), every call checked
//      (short writes continued, EINTR retried); the last chunk is the "flush";
//   3. fsync(2) of the file, then fstat(2): its size must be the bytes given;
//   4. rename(2) over the target (a symbolic link is resolved: its target is replaced);
//   5. fsync(2) of the folder, so that the rename itself survives a power cut (a folder that
//      cannot be synced, EINVAL on some file systems, is not an error: the data is on disk).
//
// On any failure before the rename the temporary file is removed, the old file is untouched and
// *error is one line "<path>: cannot write (<strerror>); the old file is kept". No buffered
// layer sits in between (QSaveFile in Qt 6.4 misses a failed buffered flush, std::ofstream
// reports no errno), so what the OS refused is what the message says.
//
// Failure injection (tests, as SQLite's I/O-error tests do): setWriteFault() makes the next
// writer fail at one point with a chosen errno, as if the OS had refused; it applies to every
// writer in the process until cleared, on any thread.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace equilab {

constexpr size_t kWriteChunk = size_t(1) << 16;  // bytes per write(2)

// A piece of the file's bytes (the file is the pieces in order).
struct WritePiece {
    const char* data = nullptr;
    size_t size = 0;
};

bool writeFileAtomically(const std::string& path, const std::vector<WritePiece>& pieces,
                         std::string* error);
inline bool writeFileAtomically(const std::string& path, const std::string& bytes,
                                std::string* error) {
    return writeFileAtomically(path, {{bytes.data(), bytes.size()}}, error);
}

// Several files, all or nothing: every file is written and synced as a temporary file first;
// only when all are on disk are they renamed into place. A failure before the renames changes
// nothing (*error names the file that failed); a rename that fails (rare: the folder changed
// under us) stops there, and *written lists exactly the files already in place.
struct PendingFile {
    std::string path;
    std::vector<WritePiece> pieces;
};
bool writeFilesAtomically(const std::vector<PendingFile>& files, std::vector<std::string>* written,
                          std::string* error);

// Files already written and synced (by writeFileAtomically into a temporary folder) renamed to
// their final paths, in order; stops at the first failure, with *done listing exactly the files
// moved. The folders are synced at the end.
bool moveFiles(const std::vector<std::pair<std::string, std::string>>& fromTo,
               std::vector<std::string>* done, std::string* error);

// Where an injected failure strikes.
enum class WriteStep {
    None,
    Open,    // creating the temporary file
    Write,   // the n-th write(2) of the file's chunks, counting from 1 (not the last one)
    Flush,   // the last write(2), which completes the file
    Fsync,   // fsync of the file
    Size,    // the size check after fsync (the file came out shorter)
    Rename,  // the n-th rename over a target (of several files written together)
};
const char* toString(WriteStep step);

struct WriteFault {
    WriteStep step = WriteStep::None;
    int error = 0;       // errno to report: ENOSPC, EIO, EACCES, …
    int nth = 1;         // Write: which write(2) fails; Rename: which file's rename
    size_t chunk = 0;    // when > 0, the chunk size instead of kWriteChunk (more writes per file)
    int remaining = -1;  // failures still to inject (−1: every writer until cleared)
    int skip = 0;        // writers (calls) to let through unharmed first
};
// Installs (or, with step None, clears) the fault. Thread-safe.
void setWriteFault(const WriteFault& fault);
inline void clearWriteFault() {
    setWriteFault(WriteFault{});
}

// The OS's text of an errno value ("No space left on device"), thread-safe.
std::string errnoText(int err);

}  // namespace equilab
