// Models in the window: the current model (the last finished training run, or a model file
// opened with File → Open Model), saving it (File → Save Model), exploring it input by input —
// a click on the decision boundary or on a test digit, or on one of the slowest inputs of the
// Dataset convergence view, loads A, B, c and that input into the explorer as one undo step —
// and the Dataset convergence view's evaluation on a worker thread.
#pragma once

#include <QObject>

#include "io/model_npz.h"

class QAction;
class QMenu;
class QWidget;

namespace equilab {

class Document;
class TrainingWorkspace;
class DatasetConvergenceView;
class ConvergenceController;

class ModelWorkspace : public QObject {
    Q_OBJECT
  public:
    ModelWorkspace(Document* doc, TrainingWorkspace* training, QWidget* parentWidget);

    DatasetConvergenceView* convergenceView() const { return view_; }
    ConvergenceController* convergence() const { return convergence_; }
    // Appends Open Model… and Save Model… to the File menu.
    void addMenuActions(QMenu* file);

    bool hasModel() const { return hasModel_; }
    const ModelFile& model() const { return model_; }
    QString source() const { return source_; }
    bool openModel(const QString& path, QString* error);
    bool saveModel(const QString& path, QString* error) const;
    // The explorer shows the model on input x (one undo step). The parameters are those of the
    // current model, or during training those of the latest snapshot.
    bool explore(const Vector& x, const QString& what, QString* error);
    // Starts the Dataset convergence evaluation of the current model.
    void evaluate();
    // Explores the slowest input of the last evaluation; false when there is none.
    bool exploreSlowest(QString* error);

  signals:
    void message(const QString& text);
    void modelChanged();
    void modelOpened();  // a model file was opened (File → Open Model…): its view is worth showing

  private:
    void setModel(const ModelFile& m, const QString& source, const Dataset& testData);
    void openDialog();
    void saveDialog();
    const ModelParams<double>* exploreParams() const;

    Document* doc_;
    TrainingWorkspace* training_;
    QWidget* parentWidget_;
    DatasetConvergenceView* view_;
    ConvergenceController* convergence_;
    QAction* saveAction_ = nullptr;
    ModelFile model_;
    QString source_;
    bool hasModel_ = false;
    Dataset testData_;   // the current model's test split when known without loading
    Dataset evaluated_;  // what the convergence view shows
};

}  // namespace equilab
