// The forward convergence of a trained model over a dataset: histograms of the iterations to
// tolerance and of ρ(J) over the samples (all, or one class), the accuracy, and the slowest
// inputs listed; clicking one asks to explore it. The numbers come from core's
// evaluateDataset, run by a ConvergenceController on its worker thread.
#pragma once

#include <QWidget>

#include "core/analysis/dataset_convergence.h"

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace equilab {

class PlotView;

class DatasetConvergenceView : public QWidget {
    Q_OBJECT
  public:
    explicit DatasetConvergenceView(QWidget* parent = nullptr);

    void setModelText(const QString& text, bool canEvaluate);
    void setBusy(bool busy);
    void setProgress(double fraction);
    void setResult(const Dataset& data, const DatasetConvergence& result);
    void setFailed(const QString& message);
    void setClassFilter(int cls);  // −1: all classes

    PlotView* iterationPlot() const { return iterations_; }
    PlotView* rhoPlot() const { return rho_; }
    QListWidget* slowestList() const { return slowest_; }
    QLabel* summaryLabel() const { return summary_; }
    const DatasetConvergence& result() const { return result_; }
    bool hasResult() const { return result_.samples > 0; }

  signals:
    void evaluateRequested();
    void cancelRequested();
    void exploreRequested(int sample);  // an index into the evaluated data

  private:
    void refresh();
    QLabel* model_;
    QPushButton* evaluate_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QComboBox* classes_;
    QLabel* summary_;
    PlotView* iterations_;
    PlotView* rho_;
    QListWidget* slowest_;
    Dataset data_;
    DatasetConvergence result_;
};

}  // namespace equilab
