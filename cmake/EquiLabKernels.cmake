# The hot kernels compiled once per instruction-set level into their own shared objects, chosen
# at run time (core/internal/kernels.h explains the contract). Included after add_subdirectory(core) when
# EQUILAB_KERNEL_DISPATCH is on (portable builds on x86-64 with GCC), for the levels of
# EQUILAB_KERNEL_ISA_LIST (none at all is allowed: the core then runs its baseline kernels).

find_package(OpenMP)

# The core sources the variants compile again: the kernels and what they call (the
# parametrization and optimizer the training step runs, the readout loss, model helpers).
set(EQUILAB_KERNEL_SOURCES
  solvers/batched.cpp training/hypergradient.cpp training/hypergradient_options.cpp training/hypergradient_phantom.cpp training/fixed_point_correction.cpp training/deq_statistics.cpp
  solvers/forward_tolerance.cpp training/readout.cpp training/trainer.cpp training/optimizer.cpp model/parametrization.cpp
  model/parametrization_extra.cpp
  model/model.cpp data/dataset_checks.cpp analysis/partial_spectra.cpp internal/cancellation.cpp analysis/dense_linalg.cpp
  analysis/jacobian_radius.cpp)
list(TRANSFORM EQUILAB_KERNEL_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/core/)

# Installed in <libdir>/equilab; the build tree mirrors <prefix> (executables one level below the
# build directory, like bin/), so the same relative path works in both.
set(EQUILAB_KERNEL_DIR ${CMAKE_INSTALL_LIBDIR}/equilab)
file(RELATIVE_PATH _kernel_reldir /${CMAKE_INSTALL_BINDIR} /${EQUILAB_KERNEL_DIR})
list(JOIN EQUILAB_KERNEL_ISA_LIST "," _kernel_isas)
target_compile_definitions(equilab_core PRIVATE EQUILAB_KERNEL_DISPATCH)
set_source_files_properties(${PROJECT_SOURCE_DIR}/core/internal/kernel_loader.cpp DIRECTORY ${PROJECT_SOURCE_DIR}/core PROPERTIES
  COMPILE_DEFINITIONS "EQUILAB_KERNEL_RELDIR=\"${_kernel_reldir}\";EQUILAB_KERNEL_ISAS=\"${_kernel_isas}\"")

set(EQUILAB_KERNEL_TARGETS)
foreach(_isa IN LISTS EQUILAB_KERNEL_ISA_LIST)
  set(_t equilab-kernels-${_isa})
  add_library(${_t} MODULE ${PROJECT_SOURCE_DIR}/core/internal/kernel_entry.cpp ${EQUILAB_KERNEL_SOURCES})
  target_include_directories(${_t} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${_t} PRIVATE Eigen3::Eigen Spectra::Spectra)
  if(OpenMP_CXX_FOUND)
    target_link_libraries(${_t} PRIVATE OpenMP::OpenMP_CXX)
  endif()
  target_compile_definitions(${_t} PRIVATE EQUILAB_KERNEL_VARIANT EQUILAB_KERNEL_ISA="${_isa}")
  # Every inline and template instantiation stays inside the object: hidden visibility, and a
  # version script that exports the entry table alone.
  target_compile_options(${_t} PRIVATE -march=${_isa} -fvisibility=hidden -fvisibility-inlines-hidden)
  target_link_options(${_t} PRIVATE -Wl,--version-script=${PROJECT_SOURCE_DIR}/core/internal/kernel_exports.map
    -Wl,-z,defs -Wl,--exclude-libs,ALL)
  set_target_properties(${_t} PROPERTIES
    PREFIX lib
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/${EQUILAB_KERNEL_DIR}
    LINK_DEPENDS ${PROJECT_SOURCE_DIR}/core/internal/kernel_exports.map)
  install(TARGETS ${_t} LIBRARY DESTINATION ${EQUILAB_KERNEL_DIR})
  list(APPEND EQUILAB_KERNEL_TARGETS ${_t})
endforeach()
# Everything that links the core runs the variants, so they are built with it.
add_custom_target(equilab_kernels ALL DEPENDS ${EQUILAB_KERNEL_TARGETS})
add_dependencies(equilab_core equilab_kernels)
