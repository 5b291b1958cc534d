# Profile-guided optimization with GCC (QUANZE_PGO, on by default for a
# GCC Release build). A row's path through quanze is long and branchy —
# seventeen cells decoded by kind, a legal basis parsed, a memo looked up —
# and GCC lays it out, inlines and unrolls it far better knowing which
# branches a real list takes: 7 % fewer instructions a row on the
# benchmark list, 3–6 % less time (docs/performance.md, stop 19).
#
# The library and CLI are first built instrumented in a sub-build
# (build/pgo/build, the library and CLI only), which then classifies a
# generated list (cmake/pgo_train.cmake); this build compiles them with
# that profile. Functions the training never ran are compiled as without a
# profile (-fprofile-partial-training), so paths it does not cover (XLSX,
# GB18030, the analysis) are no worse than before.
#
# Profiles are looked up by object path relative to each build directory
# (-fprofile-prefix-path), which the sub-build and this one share. The
# sub-build runs, incrementally, before this build compiles anything, so a
# changed source is compiled against a profile of itself.
include(ExternalProject)

set(QUANZE_PGO_ROWS 20000 CACHE STRING "Rows of the list the profile-guided build trains on")
set(pgo_root ${CMAKE_BINARY_DIR}/pgo)
set(pgo_build ${pgo_root}/build)
set(pgo_profile ${pgo_root}/profile)
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(FATAL_ERROR "QUANZE_PGO trains on a list bench/gen_items.py writes, which needs python3 "
                      "(Debian: python3); or configure with -DQUANZE_PGO=OFF")
endif()

ExternalProject_Add(quanze_pgo_training
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${pgo_build}
  PREFIX ${pgo_root}/ep
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
             -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
             -DQUANZE_PGO=OFF -DQUANZE_TESTS=OFF
             "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS} -fprofile-generate=${pgo_profile} -fprofile-prefix-path=${pgo_build}"
             -DCMAKE_EXE_LINKER_FLAGS=-fprofile-generate
  BUILD_COMMAND ${CMAKE_COMMAND} --build ${pgo_build} --target quanze
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  TEST_AFTER_INSTALL ON
  TEST_COMMAND ${CMAKE_COMMAND} -DQUANZE=${pgo_build}/quanze -DPYTHON=${Python3_EXECUTABLE}
               -DSOURCE=${CMAKE_SOURCE_DIR} -DPROFILE=${pgo_profile} -DWORK=${pgo_root}
               -DROWS=${QUANZE_PGO_ROWS} -P ${CMAKE_SOURCE_DIR}/cmake/pgo_train.cmake
  USES_TERMINAL_BUILD ON
  USES_TERMINAL_TEST ON)

# A profile older than the source it is applied to is a warning, not the
# error GCC makes it by default: this build is always trained afresh first,
# and a stale profile only costs speed.
set(QUANZE_PGO_USE_FLAGS -fprofile-use=${pgo_profile} -fprofile-prefix-path=${CMAKE_BINARY_DIR}
                         -fprofile-partial-training -Wno-missing-profile -Wno-error=coverage-mismatch)

# Knowing from the profile how long a copy or fill usually is (a row's
# record, some 230 bytes; a quarter megabyte of text zeroed before it is
# read into), GCC expands memcpy and memset in line as `rep movsq` /
# `rep stosq`. On the Intel host of stop 24 that made the profile-guided
# binary 9 % slower than the plain one, for 9 % fewer instructions: the
# row's copy took 6 % of a run instead of under 1 %, and the kernel's copy
# into the text just filled 15 % instead of 11 %. With calls to glibc's,
# which picks its way by the CPU it runs on (as the plain build calls
# it), the profile-guided binary is 3–7 % faster than the plain one there
# (docs/performance.md, stop 24).
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|i.86)$")
  list(APPEND QUANZE_PGO_USE_FLAGS -mstringop-strategy=libcall)
endif()
