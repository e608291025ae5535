# Every dependency is a Debian package; a missing one stops CMake naming the package to install.
find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

macro(samplemind_require_package name apt_package)
  find_package(${name} CONFIG QUIET)
  if(NOT ${name}_FOUND)
    find_package(${name} QUIET)
  endif()
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "${name} not found: apt-get install ${apt_package}")
  endif()
endmacro()

macro(samplemind_require_pkgconfig prefix module apt_package)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET ${module})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${apt_package}")
  endif()
endmacro()

samplemind_require_package(nlohmann_json nlohmann-json3-dev)
samplemind_require_package(fmt libfmt-dev)
samplemind_require_package(CLI11 libcli11-dev)
samplemind_require_package(SQLite3 libsqlite3-dev)
# Reads cached feature records (one per file on a warm run or a `find`) at a few µs each.
samplemind_require_package(simdjson libsimdjson-dev)
samplemind_require_package(OpenSSL libssl-dev)
samplemind_require_package(Threads libc6-dev)
# XXH3 checksums every cache entry read (two per file on a warm run) at a few GB/s.
samplemind_require_pkgconfig(XXHASH libxxhash libxxhash-dev)
samplemind_require_pkgconfig(SNDFILE sndfile libsndfile1-dev)
# MP3 read to its end (src/audio/mp3_stream.hpp): libsndfile stops at mpg123's first guess.
samplemind_require_pkgconfig(MPG123 libmpg123 libmpg123-dev)
samplemind_require_pkgconfig(AUBIO aubio libaubio-dev)
# Debian's libaubio.so pulls in ffmpeg (libavcodec/libavformat) and through it ~130 more
# shared libraries, for aubio's file reader that samplemind never uses (libsndfile decodes).
# Loading them costs ~30 ms per process. The static archive links only the objects used
# (FFT, onset, tempo, pitch), which need fftw3f and libm alone.
option(SAMPLEMIND_STATIC_AUBIO "Link aubio statically when libaubio.a exists" ON)
find_library(AUBIO_STATIC_LIBRARY NAMES libaubio.a)
find_library(FFTW3F_RUNTIME NAMES fftw3f libfftw3f.so.3)
if(SAMPLEMIND_STATIC_AUBIO AND AUBIO_STATIC_LIBRARY AND FFTW3F_RUNTIME)
  add_library(samplemind_aubio INTERFACE)
  target_include_directories(samplemind_aubio INTERFACE ${AUBIO_INCLUDE_DIRS})
  target_link_libraries(samplemind_aubio INTERFACE ${AUBIO_STATIC_LIBRARY} ${FFTW3F_RUNTIME} m)
else()
  add_library(samplemind_aubio INTERFACE)
  target_link_libraries(samplemind_aubio INTERFACE PkgConfig::AUBIO)
endif()
# FFTW's single-precision real-to-complex transform, called directly (src/audio/real_fft.hpp).
samplemind_require_pkgconfig(FFTW3F fftw3f libfftw3-dev)
samplemind_require_pkgconfig(CURL libcurl libcurl4-openssl-dev)
samplemind_require_pkgconfig(HIREDIS hiredis libhiredis-dev)
# Tags (ID3v2, Vorbis comments, RIFF INFO) for the tempo and key a file states (src/metadata/).
samplemind_require_pkgconfig(TAGLIB taglib libtag1-dev)
if(SAMPLEMIND_TESTS OR SAMPLEMIND_TOOLS OR SAMPLEMIND_FUZZ)
  # The loudness oracle the tests and the feature benchmark compare our BS.1770 meter with.
  samplemind_require_pkgconfig(EBUR128 libebur128 libebur128-dev)
endif()
if(SAMPLEMIND_TESTS)
  samplemind_require_package(doctest doctest-dev)
endif()
