# Compiles through ccache when it is installed (SAMPLEMIND_CCACHE=OFF turns it off). Paths are
# hashed relative to the source folder and without the build folder's path, so a fresh clone
# anywhere on the machine reuses the objects an earlier clone compiled.
option(SAMPLEMIND_CCACHE "Compile through ccache when it is installed" ON)
find_program(SAMPLEMIND_CCACHE_PROGRAM ccache)
if(SAMPLEMIND_CCACHE AND SAMPLEMIND_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=1 ${SAMPLEMIND_CCACHE_PROGRAM})
endif()
