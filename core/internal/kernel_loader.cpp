// Chooses and loads the kernel variant for this CPU (see kernels.h). The variants live in
// EQUILAB_KERNEL_RELDIR relative to the executable's directory (bin/../lib/equilab when
// installed; the build tree mirrors that layout), so an installed tree can be moved anywhere.
#include "core/internal/kernels.h"

#ifdef EQUILAB_KERNEL_DISPATCH
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#endif

namespace equilab::kernels {

#ifdef EQUILAB_KERNEL_DISPATCH
namespace {

bool cpuSupports(const std::string& isa) {
    __builtin_cpu_init();
    if (isa == "x86-64-v2") return __builtin_cpu_supports("x86-64-v2");
    if (isa == "x86-64-v3") return __builtin_cpu_supports("x86-64-v3");
    if (isa == "x86-64-v4") return __builtin_cpu_supports("x86-64-v4");
    return false;
}

std::string executableDir() {
    std::vector<char> buf(4096);
    const ssize_t len = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
    if (len <= 0) return {};
    const std::string path(buf.data(), static_cast<size_t>(len));
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

const KernelTable* tryLoad(const std::string& path) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return nullptr;
    using Entry = const KernelTable* (*)();
    const auto entry = reinterpret_cast<Entry>(::dlsym(handle, "equilab_kernel_table"));
    const KernelTable* table = entry ? entry() : nullptr;
    if (table && table->abi == kAbi && table->layout == layoutFingerprint()) return table;
    ::dlclose(handle);
    return nullptr;
}

const KernelTable* load() {
    const char* wanted = std::getenv("EQUILAB_KERNELS");
    const std::string want = wanted ? wanted : "";
    if (want == "baseline") return nullptr;
    std::vector<std::string> isas = builtIsas();
    for (auto it = isas.rbegin(); it != isas.rend(); ++it) {  // the highest level first
        if (!want.empty() && want != *it) continue;
        if (const KernelTable* table = loadVariant(*it)) return table;
    }
    return nullptr;
}

}  // namespace

std::vector<std::string> builtIsas() {
    std::vector<std::string> isas;
    std::stringstream list(EQUILAB_KERNEL_ISAS);
    for (std::string isa; std::getline(list, isa, ',');) isas.push_back(isa);
    return isas;
}

const KernelTable* loadVariant(const std::string& isa) {
    if (!cpuSupports(isa)) return nullptr;
    const std::string dir = executableDir();
    if (dir.empty()) return nullptr;
    return tryLoad(dir + "/" EQUILAB_KERNEL_RELDIR "/libequilab-kernels-" + isa + ".so");
}

const KernelTable* active() {
    static const KernelTable* const table = load();
    return table;
}
#else
std::vector<std::string> builtIsas() {
    return {};
}
const KernelTable* loadVariant(const std::string&) {
    return nullptr;
}
const KernelTable* active() {
    return nullptr;
}
#endif

std::string activeIsa() {
    const KernelTable* t = active();
    return t ? t->isa : "baseline";
}

template <>
const KernelSet<float>* activeSet<float>() {
    const KernelTable* t = active();
    return t ? &t->f : nullptr;
}

template <>
const KernelSet<double>* activeSet<double>() {
    const KernelTable* t = active();
    return t ? &t->d : nullptr;
}

}  // namespace equilab::kernels
