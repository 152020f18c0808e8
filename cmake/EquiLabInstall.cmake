# Installation (GNU layout) and the Debian package (CPack). Included at the end of the top-level
# CMakeLists.txt.

set(EQUILAB_APPSTREAM_ID "org.equilab.EquiLab" CACHE STRING "AppStream component id")
# The project has no public web site yet: set these before publishing the package.
set(EQUILAB_HOMEPAGE "https://equilab.example.org" CACHE STRING "Homepage in the AppStream data")
set(EQUILAB_SCREENSHOT_BASE "${EQUILAB_HOMEPAGE}/docs" CACHE STRING
    "URL of the repository's docs/ folder (the AppStream screenshots are docs/views/*.png, …)")

install(TARGETS equilab equilab-cli equilab-bench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(_res ${PROJECT_SOURCE_DIR}/resources/desktop)
install(FILES ${_res}/equilab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_res}/equilab.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${_res}/equilab-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME equilab.xml)
string(TIMESTAMP EQUILAB_RELEASE_DATE "%Y-%m-%d" UTC)
configure_file(${_res}/equilab.metainfo.xml.in
               ${PROJECT_BINARY_DIR}/${EQUILAB_APPSTREAM_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/${EQUILAB_APPSTREAM_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The repository has no licence file yet; README goes to the doc folder (share/doc/equilab, the
# package's name rather than GNUInstallDirs' share/doc/EquiLab), and LICENSE too once there is one.
set(EQUILAB_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/equilab)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${EQUILAB_DOCDIR})
foreach(_f LICENSE LICENSE.md COPYING)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${_f})
    install(FILES ${PROJECT_SOURCE_DIR}/${_f} DESTINATION ${EQUILAB_DOCDIR})
  endif()
endforeach()

# Man pages from each program's --help and --version (help2man), with the hand-written sections
# in resources/man/<program>.h2m. The programs run from PATH so that no build path is recorded.
# (Not in the sanitizer builds, which are not installed.)
find_program(HELP2MAN help2man)
if(EQUILAB_SANITIZE OR EQUILAB_TSAN)
  # no man pages
elseif(HELP2MAN)
  set(_pages)
  foreach(_prog equilab equilab-cli equilab-bench)
    set(_page ${PROJECT_BINARY_DIR}/man/${_prog}.1.gz)
    add_custom_command(OUTPUT ${_page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${CMAKE_COMMAND} -E env "PATH=$<TARGET_FILE_DIR:${_prog}>:$ENV{PATH}"
              QT_QPA_PLATFORM=offscreen ${HELP2MAN} --no-info --locale=C.UTF-8
              --include=${PROJECT_SOURCE_DIR}/resources/man/${_prog}.h2m
              --output=${PROJECT_BINARY_DIR}/man/${_prog}.1 ${_prog}
      COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/man/${_prog}.1
      DEPENDS ${_prog} ${PROJECT_SOURCE_DIR}/resources/man/${_prog}.h2m
      COMMENT "Man page ${_prog}.1"
      VERBATIM)
    list(APPEND _pages ${_page})
  endforeach()
  add_custom_target(equilab_man ALL DEPENDS ${_pages})
  install(FILES ${_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: no man pages (apt-get install help2man)")
endif()

# ---- Debian package: scripts/package ----
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME equilab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The EquiLab developers")
set(CPACK_PACKAGE_CONTACT "The EquiLab developers <maintainers@users.noreply.r-seed-32626ae5.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop lab for equilibrium models")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "EquiLab is a desktop lab for equilibrium models, whose hidden state is the fixed point\n w* = tanh(A w* + B x + c): edit A, B, c and solve live, compare five solvers, read\n trajectories, spectra, basins and convergence, and train with hypergradients.\n equilab-cli solves, trains and exports without a display.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${EQUILAB_HOMEPAGE})
# Dependencies from the shared libraries the programs and kernel variants link (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
