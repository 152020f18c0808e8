// Where the MNIST IDX files are: one function for the window, the CLI and the scripts' folder.
// Looked for, in order, in
//   1. the folder given for this session (equilab --data-dir DIR, equilab-cli --data-dir DIR),
//   2. a folder the user chose in the Training dock (remembered in the settings: "mnist/folder"),
//   3. the folder a configuration names (a scenario's or a model's data_dir), if it holds MNIST,
//   4. equilab/mnist in each XDG data directory (QStandardPaths::GenericDataLocation:
//      $XDG_DATA_HOME or ~/.local/share first, then $XDG_DATA_DIRS), where scripts/fetch-mnist and
//      `equilab-cli import-mnist` write,
//   5. data/mnist under the working directory (where older versions wrote it).
// A folder holds MNIST when train-images-idx3-ubyte is in it.
#pragma once

#include <QString>

namespace equilab {

bool holdsMnist(const QString& folder);
// The session's folder (step 1); empty: none.
void setSessionMnistFolder(const QString& folder);
QString sessionMnistFolder();
// The folder chosen in the window (step 2), remembered in QSettings; empty clears it.
void setChosenMnistFolder(const QString& folder);
QString chosenMnistFolder();
// The first folder of the list above that holds MNIST; empty when none does.
QString findMnistFolder(const QString& configured = {});
// Where MNIST is written by default: equilab/mnist in the writable XDG data directory.
QString defaultMnistFolder();

}  // namespace equilab
