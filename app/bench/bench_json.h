// A tiny ordered JSON object for the benchmark's report (numbers, strings, nested objects), so
// the benchmark needs nothing beyond core and the standard library.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace equilab {

class BenchReport {
  public:
    void set(const std::string& key, double v) { slot(key).number = v, slot(key).kind = Number; }
    void set(const std::string& key, int v) { set(key, static_cast<double>(v)); }
    void set(const std::string& key, const std::string& v) {
        slot(key).text = v, slot(key).kind = Text;
    }
    void set(const std::string& key, const char* v) { set(key, std::string(v)); }
    BenchReport& child(const std::string& key) {
        Entry& e = slot(key);
        e.kind = Object;
        if (e.object.empty()) e.object.emplace_back();
        return e.object.front();
    }
    double number(const std::string& key) const {
        for (const auto& [k, e] : entries_)
            if (k == key) return e.number;
        return NAN;
    }
    std::vector<std::pair<std::string, BenchReport&>> children() {
        std::vector<std::pair<std::string, BenchReport&>> out;
        for (auto& [k, e] : entries_)
            if (e.kind == Object) out.emplace_back(k, e.object.front());
        return out;
    }
    std::string toJson(bool pretty, int indent = 0) const {
        std::string out = "{";
        const std::string pad = pretty ? "\n" + std::string(indent + 1, ' ') : "";
        for (size_t i = 0; i < entries_.size(); ++i) {
            const auto& [k, e] = entries_[i];
            out += (i ? "," : "") + pad + "\"" + k + "\":" + (pretty ? " " : "");
            if (e.kind == Number) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.10g", e.number);
                out += std::isfinite(e.number) ? buf : "null";
            } else if (e.kind == Text) {
                out += "\"" + e.text + "\"";
            } else {
                out += e.object.front().toJson(pretty, indent + 1);
            }
        }
        return out + (pretty ? "\n" + std::string(indent, ' ') : "") + "}";
    }

  private:
    enum Kind { Number, Text, Object };
    struct Entry {
        Kind kind = Number;
        double number = 0;
        std::string text;
        std::vector<BenchReport> object;
    };
    Entry& slot(const std::string& key) {
        for (auto& [k, e] : entries_)
            if (k == key) return e;
        entries_.emplace_back(key, Entry{});
        return entries_.back().second;
    }
    std::vector<std::pair<std::string, Entry>> entries_;
};

}  // namespace equilab
