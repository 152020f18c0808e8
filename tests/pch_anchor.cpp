// The object whose compilation builds the GUI tests' shared precompiled header
// (tests/CMakeLists.txt).
