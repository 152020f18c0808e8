// What a recording shows, frame by frame (recorder.h): a view and a way to make it show frame i
// of n. Three kinds:
//   - playback: the trajectories, phase (cobweb when n = 1) or convergence view with the
//     playback's cursor at iterate k_i = round(i · last / (n − 1)): frame 0 is w₀, the last
//     frame the last iterate, as Play shows them;
//   - orbit sweep: the orbit diagram revealed up to parameter p_i = p_min + i (p_max − p_min) /
//     (n − 1) (every column at the last frame), a verdict-change line once the sweep passes it;
//   - training: a fresh run with the document's training settings, paused after every step the
//     frames need (s_i = 1 + round(i (steps − 1) / (n − 1))) while the frame is taken, so each
//     frame is the curves and the decision boundary after exactly s_i steps, whatever the pace.
#pragma once

#include <QString>

#include <memory>

namespace equilab {

class PlotView;
class TrainingController;
struct TrainingConfig;

class AnimationSource {
  public:
    virtual ~AnimationSource() = default;
    virtual PlotView* view() const = 0;
    // Makes the view show frame i of n (0 ≤ i < n, called in order). True when it shows it
    // now; false while it must wait (a training step still running): asked again later.
    virtual bool showFrame(int i, int n) = 0;
    // A failure that ends the recording (the training run failed); empty while all is well.
    virtual QString failure() const { return {}; }
    // The view as it was before (the playback's cursor, the whole orbit diagram); called once
    // when the recording ends or is cancelled.
    virtual void restore() = 0;
};

// view: a TrajectoryView, PhaseView or ConvergenceView showing a solve whose last iterate has
// index `last`; restoreCursor is the cursor put back at the end (−1: everything shown). Null
// for another kind of view.
std::unique_ptr<AnimationSource> makePlaybackSource(PlotView* view, int last, int restoreCursor);
// view: the OrbitView, its diagram complete. Null for another kind of view.
std::unique_ptr<AnimationSource> makeOrbitSource(PlotView* view);
// view: one of the training views fed by controller (curves, decision boundary, digits). Starts
// the run (false with *error when it cannot start: a run is going, bad settings).
std::unique_ptr<AnimationSource> makeTrainingSource(PlotView* view, TrainingController* controller,
                                                    const TrainingConfig& config, QString* error);

}  // namespace equilab
