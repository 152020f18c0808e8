#include "media/gif_palette.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace equilab {
namespace {

struct Entry {
    QRgb rgb;
    uint32_t count;
};

int channel(QRgb c, int ch) {
    return ch == 0 ? qRed(c) : ch == 1 ? qGreen(c) : qBlue(c);
}

struct Box {
    size_t begin, end;  // into the entries
    int widest = 0;     // channel with the widest range
    int range = 0;      // its range
};

void measure(const std::vector<Entry>& e, Box* b) {
    std::array<int, 3> lo{255, 255, 255}, hi{0, 0, 0};
    for (size_t i = b->begin; i < b->end; ++i)
        for (int ch = 0; ch < 3; ++ch) {
            lo[ch] = std::min(lo[ch], channel(e[i].rgb, ch));
            hi[ch] = std::max(hi[ch], channel(e[i].rgb, ch));
        }
    b->widest = 0;
    b->range = -1;
    for (int ch = 0; ch < 3; ++ch)
        if (hi[ch] - lo[ch] > b->range) {
            b->range = hi[ch] - lo[ch];
            b->widest = ch;
        }
}

}  // namespace

void quantizeColors(const QRgb* pixels, size_t count, std::vector<QRgb>* palette,
                    std::vector<uint8_t>* indices, int maxColors) {
    const size_t limit = static_cast<size_t>(std::clamp(maxColors, 2, 256));
    std::unordered_map<QRgb, uint32_t> histogram;
    for (size_t i = 0; i < count; ++i) ++histogram[pixels[i] | 0xff000000u];
    palette->clear();
    std::unordered_map<QRgb, uint8_t> index;
    if (histogram.size() <= limit) {
        for (const auto& [rgb, n] : histogram) {
            index[rgb] = static_cast<uint8_t>(palette->size());
            palette->push_back(rgb);
        }
    } else {
        std::vector<Entry> entries;
        entries.reserve(histogram.size());
        for (const auto& [rgb, n] : histogram) entries.push_back({rgb, n});
        std::vector<Box> boxes{{0, entries.size()}};
        measure(entries, &boxes[0]);
        while (boxes.size() < limit) {
            size_t pick = boxes.size();
            for (size_t b = 0; b < boxes.size(); ++b)
                if (boxes[b].end - boxes[b].begin > 1 &&
                    (pick == boxes.size() || boxes[b].range > boxes[pick].range))
                    pick = b;
            if (pick == boxes.size() || boxes[pick].range <= 0) break;
            Box& box = boxes[pick];
            const int ch = box.widest;
            std::sort(entries.begin() + static_cast<std::ptrdiff_t>(box.begin),
                      entries.begin() + static_cast<std::ptrdiff_t>(box.end),
                      [ch](const Entry& a, const Entry& b) {
                          return channel(a.rgb, ch) < channel(b.rgb, ch);
                      });
            uint64_t total = 0;
            for (size_t i = box.begin; i < box.end; ++i) total += entries[i].count;
            uint64_t seen = 0;
            size_t split = box.begin + 1;
            for (size_t i = box.begin; i + 1 < box.end; ++i) {
                seen += entries[i].count;
                split = i + 1;
                if (2 * seen >= total) break;
            }
            Box upper{split, box.end};
            box.end = split;
            measure(entries, &box);
            measure(entries, &upper);
            boxes.push_back(upper);
        }
        for (const Box& b : boxes) {
            size_t mode = b.begin;
            for (size_t i = b.begin; i < b.end; ++i)
                if (entries[i].count > entries[mode].count) mode = i;
            palette->push_back(entries[mode].rgb);
        }
        // Every colour to its nearest palette entry.
        for (const auto& [rgb, n] : histogram) {
            int best = 0;
            long bestD = -1;
            for (size_t p = 0; p < palette->size(); ++p) {
                const QRgb q = (*palette)[p];
                const long dr = qRed(rgb) - qRed(q), dg = qGreen(rgb) - qGreen(q),
                           db = qBlue(rgb) - qBlue(q);
                const long d = dr * dr + dg * dg + db * db;
                if (bestD < 0 || d < bestD) {
                    bestD = d;
                    best = static_cast<int>(p);
                }
            }
            index[rgb] = static_cast<uint8_t>(best);
        }
    }
    indices->resize(count);
    for (size_t i = 0; i < count; ++i) (*indices)[i] = index[pixels[i] | 0xff000000u];
}

}  // namespace equilab
