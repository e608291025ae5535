# One warning set for every target: the library, the CLI, tests, tools and fuzzers.
# -Wno-missing-field-initializers: designated initializers ({.sample_rate = 48000}) leave the
# other members at their defaults on purpose. SAMPLEMIND_WERROR=ON (scripts/test.sh) turns each warning into an error.
# GCC 12 reports -Wrestrict and -Wmaybe-uninitialized inside libstdc++ for std::string
# concatenation and std::optional copies at -O2 (GCC bugs 105329 and 105651); they stay
# visible as warnings but do not fail the build.
function(samplemind_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                         -Wno-missing-field-initializers
                         $<$<BOOL:${SAMPLEMIND_WERROR}>:-Werror>
                         $<$<CXX_COMPILER_ID:GNU>:-Wno-error=restrict -Wno-error=maybe-uninitialized>)
endfunction()
