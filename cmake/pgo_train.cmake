# The training run of a profile-guided build (cmake/pgo.cmake): the
# instrumented quanze classifies a generated list the way batch users run
# it, one job at a time (GCC's counters are not atomic by default, and two
# threads would leave a profile that does not add up), and checks the
# shipped policy. Its counters land in PROFILE, made afresh each time: GCC
# adds to counters it finds, and a profile of two builds is of neither.
# The sub-build runs on every build (BUILD_ALWAYS), so a training whose
# binary, list size and policy are those of the last one is skipped: a
# build that changed nothing trains nothing.
#
#   cmake -DQUANZE=... -DPYTHON=... -DSOURCE=... -DPROFILE=... -DWORK=... -DROWS=... -P pgo_train.cmake
foreach(var QUANZE PYTHON SOURCE PROFILE WORK ROWS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "pgo_train.cmake: ${var} is not set")
  endif()
endforeach()

file(SHA256 ${QUANZE} binary_hash)
file(SHA256 ${SOURCE}/rules/liangyou.qz policy_hash)
set(stamp ${WORK}/trained.stamp)
set(trained "${binary_hash} ${policy_hash} ${ROWS}")
if(EXISTS ${stamp} AND IS_DIRECTORY ${PROFILE})
  file(READ ${stamp} last)
  if(last STREQUAL trained)
    message(STATUS "pgo_train.cmake: the profile is of this binary already")
    return()
  endif()
endif()

file(REMOVE ${stamp})
file(REMOVE_RECURSE ${PROFILE})
file(MAKE_DIRECTORY ${PROFILE} ${WORK})
set(list ${WORK}/train-${ROWS}.csv)
if(NOT EXISTS ${list})
  execute_process(COMMAND ${PYTHON} ${SOURCE}/bench/gen_items.py ${ROWS}
                  OUTPUT_FILE ${list}.tmp RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pgo_train.cmake: gen_items.py failed (${rc})")
  endif()
  file(RENAME ${list}.tmp ${list})
endif()

# Each run: what it does, then its arguments. Exit code 0 (all decided) or
# 1 (some conflict or row error) is a finished run; anything else failed.
function(train what)
  execute_process(COMMAND ${QUANZE} ${ARGN} OUTPUT_FILE ${WORK}/train.out ERROR_FILE ${WORK}/train.err
                  RESULT_VARIABLE rc)
  if(NOT (rc EQUAL 0 OR rc EQUAL 1))
    file(READ ${WORK}/train.err err)
    message(FATAL_ERROR "pgo_train.cmake: ${what} failed (${rc}): ${err}")
  endif()
endfunction()

train("CSV to CSV" classify -q --input ${list} --format csv --jobs 1)
train("CSV to CSV with the summary" classify --input ${list} --format csv --jobs 1)
train("CSV to JSON Lines" classify -q --input ${list} --format jsonl --jobs 1)
train("checking the shipped policy" check ${SOURCE}/rules/liangyou.qz)
file(REMOVE ${WORK}/train.out ${WORK}/train.err)
file(WRITE ${stamp} "${trained}")
