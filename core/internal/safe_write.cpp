#include "core/internal/safe_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace equilab {
namespace {

std::mutex faultMutex;
WriteFault fault;  // guarded by faultMutex

// The fault armed for this writer (a copy), consuming one of its `remaining` uses when it fires.
struct FaultPoint {
    WriteFault plan;
    bool fires(WriteStep step, int chunkIndex = 0) {
        if (plan.step != step) return false;
        if ((step == WriteStep::Write || step == WriteStep::Rename) && chunkIndex != plan.nth)
            return false;
        std::lock_guard<std::mutex> lock(faultMutex);
        if (fault.step == WriteStep::None || fault.remaining == 0) return false;
        if (fault.remaining > 0) --fault.remaining;
        return true;
    }
};

FaultPoint armedFault() {
    std::lock_guard<std::mutex> lock(faultMutex);
    FaultPoint p;
    if (fault.step != WriteStep::None && fault.skip > 0) {
        --fault.skip;
        return p;
    }
    if (fault.remaining != 0) p.plan = fault;
    return p;
}

[[maybe_unused]] const char* pickText(int r, const char* buf) {
    return r == 0 ? buf : "unknown error";
}
[[maybe_unused]] const char* pickText(const char* r, const char*) {
    return r;
}

std::string folderOf(const std::string& path) {
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// A symbolic link is followed: its target is the file replaced (as an editor saving through a
// link would); a dangling link is replaced itself.
std::string resolveTarget(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        char buf[PATH_MAX];
        if (::realpath(path.c_str(), buf)) return buf;
    }
    return path;
}

std::string randomSuffix() {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    static std::mutex m;
    static unsigned long long state =
        static_cast<unsigned long long>(
            std::chrono::steady_clock::now().time_since_epoch().count()) ^
        (static_cast<unsigned long long>(::getpid()) << 32);
    std::lock_guard<std::mutex> lock(m);
    std::string s;
    for (int i = 0; i < 6; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        s += kChars[(state >> 33) % 36];
    }
    return s;
}

void syncFolder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);  // EINVAL where folders cannot be synced: the data itself is on disk
    ::close(fd);
}

size_t totalSize(const std::vector<WritePiece>& pieces) {
    size_t n = 0;
    for (const WritePiece& p : pieces) n += p.size;
    return n;
}

// Writes every piece to fd in chunks; false with errno set on failure. `partial` simulates a
// disk that fills up half-way through the failing chunk.
bool writeAll(int fd, const std::vector<WritePiece>& pieces, FaultPoint& f) {
    const size_t chunk = f.plan.chunk > 0 ? f.plan.chunk : kWriteChunk;
    const size_t total = totalSize(pieces);
    const int chunks = total == 0 ? 0 : static_cast<int>((total + chunk - 1) / chunk);
    size_t piece = 0, offset = 0;
    for (int index = 1; index <= chunks; ++index) {
        // Gather the next chunk's pieces into one write(2) (without copying when one suffices).
        std::string gathered;
        const char* data = nullptr;
        size_t size = 0;
        while (piece < pieces.size() && size < chunk) {
            const WritePiece& p = pieces[piece];
            const size_t take = std::min(chunk - size, p.size - offset);
            if (size == 0 && take == chunk) {
                data = p.data + offset;
            } else {
                if (data && gathered.empty()) gathered.assign(data, size);
                gathered.append(p.data + offset, take);
                data = nullptr;
            }
            size += take;
            offset += take;
            if (offset == p.size) {
                ++piece;
                offset = 0;
            }
        }
        if (!data) data = gathered.data();
        const bool last = index == chunks;
        if (f.fires(WriteStep::Write, index) || (last && f.fires(WriteStep::Flush))) {
            if (size > 1) (void)!::write(fd, data, size / 2);  // the disk fills half-way
            errno = f.plan.error;
            return false;
        }
        size_t done = 0;
        while (done < size) {
            const ssize_t w = ::write(fd, data + done, size - done);
            if (w < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            if (w == 0) {
                errno = ENOSPC;
                return false;
            }
            done += static_cast<size_t>(w);
        }
    }
    return true;
}

// Writes into an existing device or FIFO (/dev/stdout, /dev/null, /dev/full): nothing to keep,
// nothing to rename, every write still checked.
bool writeDevice(const std::string& path, const std::vector<WritePiece>& pieces,
                 std::string* error) {
    FaultPoint f = armedFault();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    int err = 0;
    if (fd < 0) {
        err = errno;
    } else {
        if (!writeAll(fd, pieces, f)) err = errno;
        if (::close(fd) != 0 && err == 0 && errno != EINTR) err = errno;
    }
    if (err == 0) return true;
    if (error) *error = path + ": cannot write (" + errnoText(err) + ")";
    return false;
}

// A temporary file written and synced, not yet renamed.
struct Staged {
    std::string target, temp;
};

bool stage(const std::string& requested, const std::vector<WritePiece>& pieces, FaultPoint& f,
           Staged* out, std::string* error) {
    const std::string target = resolveTarget(requested);
    struct stat old {};
    const bool hadOld = ::stat(target.c_str(), &old) == 0;
    const std::string kept = hadOld ? "; the old file is kept" : "; nothing was written";
    auto fail = [&](const std::string& what, int err) {
        if (error) *error = requested + ": " + what + " (" + errnoText(err) + ")" + kept;
        return false;
    };
    if (hadOld && S_ISDIR(old.st_mode)) return fail("cannot write", EISDIR);
    int fd = -1;
    std::string temp;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temp = target + ".tmp-" + randomSuffix();
        if (f.fires(WriteStep::Open)) return fail("cannot create a temporary file", f.plan.error);
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
        if (fd < 0 && errno != EEXIST) return fail("cannot create a temporary file", errno);
    }
    if (fd < 0) return fail("cannot create a temporary file", EEXIST);
    auto abandon = [&](const std::string& what, int err) {
        ::close(fd);
        ::unlink(temp.c_str());
        return fail(what, err);
    };
    if (hadOld && S_ISREG(old.st_mode)) (void)::fchmod(fd, old.st_mode & 07777);
    if (!writeAll(fd, pieces, f)) return abandon("writing failed", errno);
    if (f.fires(WriteStep::Fsync)) return abandon("fsync failed", f.plan.error);
    if (::fsync(fd) != 0) return abandon("fsync failed", errno);
    struct stat st {};
    const size_t expected = totalSize(pieces);
    if (::fstat(fd, &st) != 0) return abandon("cannot check the written size", errno);
    const size_t size = f.fires(WriteStep::Size) ? expected / 2 : static_cast<size_t>(st.st_size);
    if (size != expected) {
        ::close(fd);
        ::unlink(temp.c_str());
        if (error)
            *error = requested + ": the written file has " + std::to_string(size) +
                     " bytes instead of " + std::to_string(expected) + kept;
        return false;
    }
    if (::close(fd) != 0 && errno != EINTR) {
        const int err = errno;
        ::unlink(temp.c_str());
        return fail("writing failed", err);
    }
    out->target = target;
    out->temp = temp;
    return true;
}

bool commitStaged(const Staged& s, const std::string& requested, FaultPoint& f, std::string* error,
                  int index = 1) {
    int err = 0;
    if (f.fires(WriteStep::Rename, index))
        err = f.plan.error;
    else if (::rename(s.temp.c_str(), s.target.c_str()) != 0)
        err = errno;
    if (err != 0) {
        ::unlink(s.temp.c_str());
        if (error)
            *error = requested + ": cannot replace the file (" + errnoText(err) +
                     "); the old file is kept";
        return false;
    }
    return true;
}

bool isDevice(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 &&
           (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

}  // namespace

const char* toString(WriteStep step) {
    switch (step) {
        case WriteStep::None:
            return "none";
        case WriteStep::Open:
            return "open";
        case WriteStep::Write:
            return "write";
        case WriteStep::Flush:
            return "flush";
        case WriteStep::Fsync:
            return "fsync";
        case WriteStep::Size:
            return "size";
        case WriteStep::Rename:
            return "rename";
    }
    return "?";
}

void setWriteFault(const WriteFault& f) {
    std::lock_guard<std::mutex> lock(faultMutex);
    fault = f;
}

std::string errnoText(int err) {
    char buf[256];
    buf[0] = '\0';
    return pickText(::strerror_r(err, buf, sizeof buf), buf);
}

bool writeFileAtomically(const std::string& path, const std::vector<WritePiece>& pieces,
                         std::string* error) {
    if (path.empty()) {
        if (error) *error = "no file named";
        return false;
    }
    if (isDevice(path)) return writeDevice(path, pieces, error);
    FaultPoint f = armedFault();
    Staged s;
    if (!stage(path, pieces, f, &s, error)) return false;
    if (!commitStaged(s, path, f, error)) return false;
    syncFolder(folderOf(s.target));
    return true;
}

bool writeFilesAtomically(const std::vector<PendingFile>& files, std::vector<std::string>* written,
                          std::string* error) {
    if (written) written->clear();
    FaultPoint f = armedFault();
    std::vector<Staged> staged;
    auto dropStaged = [&] {
        for (const Staged& s : staged) ::unlink(s.temp.c_str());
    };
    for (const PendingFile& file : files) {
        Staged s;
        if (!stage(file.path, file.pieces, f, &s, error)) {
            dropStaged();
            if (error && !staged.empty())
                *error += "; none of the " + std::to_string(files.size()) + " files was written";
            return false;
        }
        staged.push_back(s);
    }
    for (size_t i = 0; i < staged.size(); ++i) {
        if (!commitStaged(staged[i], files[i].path, f, error, static_cast<int>(i) + 1)) {
            for (size_t j = i + 1; j < staged.size(); ++j) ::unlink(staged[j].temp.c_str());
            if (error)
                *error += "; " + std::to_string(i) + " of " + std::to_string(files.size()) +
                          " files were written before it";
            return false;
        }
        if (written) written->push_back(files[i].path);
    }
    std::vector<std::string> folders;
    for (const Staged& s : staged) {
        const std::string folder = folderOf(s.target);
        if (std::find(folders.begin(), folders.end(), folder) == folders.end())
            folders.push_back(folder);
    }
    for (const std::string& folder : folders) syncFolder(folder);
    return true;
}

bool moveFiles(const std::vector<std::pair<std::string, std::string>>& fromTo,
               std::vector<std::string>* done, std::string* error) {
    if (done) done->clear();
    FaultPoint f = armedFault();
    std::vector<std::string> folders;
    bool ok = true;
    for (size_t i = 0; i < fromTo.size(); ++i) {
        const auto& [from, to] = fromTo[i];
        int err = 0;
        if (f.fires(WriteStep::Rename, static_cast<int>(i) + 1))
            err = f.plan.error;
        else if (::rename(from.c_str(), resolveTarget(to).c_str()) != 0)
            err = errno;
        if (err != 0) {
            if (error)
                *error = to + ": cannot move the file into place (" + errnoText(err) + "); " +
                         std::to_string(i) + " of " + std::to_string(fromTo.size()) +
                         " files were written before it";
            ok = false;
            break;
        }
        if (done) done->push_back(to);
        const std::string folder = folderOf(resolveTarget(to));
        if (std::find(folders.begin(), folders.end(), folder) == folders.end())
            folders.push_back(folder);
    }
    for (const std::string& folder : folders) syncFolder(folder);
    return ok;
}

}  // namespace equilab
