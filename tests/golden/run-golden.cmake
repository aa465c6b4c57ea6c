# SPDX-License-Identifier: GPL-2.0-or-later
# Runs pcirevoke on a captured tree and compares stdout and the exit status with the
# expected ones. Set UPDATE_GOLDEN=1 in the environment to rewrite the expected file.
#   cmake -DPROG=... -DSYSROOT=... -DARGS="list;--all" -DEXPECTED=file -DACTUAL=file
#         -P run-golden.cmake
# On a difference the actual output is written to ACTUAL (in the build tree).
set(ENV{NO_COLOR} 1)
set(ENV{COLUMNS} 160)
set(ENV{LC_ALL} C.UTF-8)
execute_process(COMMAND ${PROG} --sysroot ${SYSROOT} ${ARGS}
	OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
# messages name the fixture path: make them independent of where the tree lives
string(REPLACE "${SYSROOT}" "SYSROOT" err "${err}")
set(actual "${out}--- exit status: ${rc}\n--- stderr:\n${err}")
if(DEFINED ENV{UPDATE_GOLDEN})
	file(WRITE ${EXPECTED} "${actual}")
	message(STATUS "updated ${EXPECTED}")
	return()
endif()
if(NOT EXISTS ${EXPECTED})
	message(FATAL_ERROR "no expected output ${EXPECTED}; run with UPDATE_GOLDEN=1 and review it\n${actual}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
	file(WRITE ${ACTUAL} "${actual}")
	execute_process(COMMAND diff -u ${EXPECTED} ${ACTUAL})
	message(FATAL_ERROR "output differs from ${EXPECTED} (actual in ${ACTUAL})")
endif()
