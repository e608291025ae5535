# Compiles through ccache when it is installed and its cache folder is writable
# (SAMPLEMIND_CCACHE=OFF turns it off). Paths are hashed relative to the source folder and
# without the build folder's path, so a fresh clone anywhere on the machine reuses the objects
# an earlier clone compiled. A cache ccache cannot write would fail every compile, so it is
# probed here first.
option(SAMPLEMIND_CCACHE "Compile through ccache when it is installed" ON)
find_program(SAMPLEMIND_CCACHE_PROGRAM ccache)
if(SAMPLEMIND_CCACHE AND SAMPLEMIND_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  execute_process(COMMAND ${SAMPLEMIND_CCACHE_PROGRAM} -k cache_dir OUTPUT_VARIABLE ccache_dir
                  OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE ccache_config_failed)
  set(ccache_usable OFF)
  if(NOT ccache_config_failed AND ccache_dir)
    execute_process(COMMAND ${CMAKE_COMMAND} -E make_directory ${ccache_dir} RESULT_VARIABLE mkdir_failed)
    execute_process(COMMAND ${CMAKE_COMMAND} -E touch ${ccache_dir}/.samplemind-probe RESULT_VARIABLE touch_failed
                    ERROR_QUIET)
    if(NOT mkdir_failed AND NOT touch_failed)
      set(ccache_usable ON)
    endif()
  endif()
  if(ccache_usable)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=1 ${SAMPLEMIND_CCACHE_PROGRAM})
  else()
    message(STATUS "ccache's cache folder '${ccache_dir}' is not writable: compiling without ccache")
  endif()
endif()
