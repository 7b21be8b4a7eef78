# cmake -DSEEDS=DIR -DREGRESSIONS=DIR -DWORK=DIR -P prepare_corpus.cmake
# A fresh scratch copy for one fuzz run: WORK/corpus (seeds, which libFuzzer
# may add to), WORK/regressions (saved crash inputs, possibly none) and an
# empty WORK/artifacts for whatever the run finds. The sources are not touched.
foreach(var SEEDS REGRESSIONS WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "prepare_corpus.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT IS_DIRECTORY "${SEEDS}")
  message(FATAL_ERROR "prepare_corpus.cmake: no seed corpus at ${SEEDS}")
endif()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/regressions" "${WORK}/artifacts")
file(GLOB seeds LIST_DIRECTORIES false "${SEEDS}/*")
file(COPY ${seeds} DESTINATION "${WORK}/corpus")
if(IS_DIRECTORY "${REGRESSIONS}")
  file(GLOB regressions LIST_DIRECTORIES false "${REGRESSIONS}/*")
  if(regressions)
    file(COPY ${regressions} DESTINATION "${WORK}/regressions")
  endif()
endif()
