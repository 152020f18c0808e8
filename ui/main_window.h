// The main window: assembles the document, the solve controller, the panels and the views, and
// the menus. It holds no numerical logic.
#pragma once

#include <QMainWindow>

namespace equilab {

class Document;
class SolveController;
class TrajectoryView;
class ConvergenceView;
class DimensionsPanel;
struct SolveResult;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Document* document() const { return doc_; }
    SolveController* solveController() const { return solver_; }
    TrajectoryView* trajectoryView() const { return trajectory_; }
    ConvergenceView* convergenceView() const { return convergence_; }
    DimensionsPanel* dimensionsPanel() const { return dimensions_; }

    bool openFile(const QString& path);
    void solveNow();

private:
    void createMenus();
    void showResult(const SolveResult& r);
    void updateTitle();
    void openDialog();
    bool save();
    bool saveAsDialog();

    Document* doc_;
    SolveController* solver_;
    TrajectoryView* trajectory_;
    ConvergenceView* convergence_;
    DimensionsPanel* dimensions_;
};

}  // namespace equilab
