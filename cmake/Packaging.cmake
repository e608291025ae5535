# A Debian package from CPack: `cpack -G DEB` in the build folder. Library dependencies are
# worked out by dpkg-shlibdeps from the binary; libcurl is loaded with dlopen on the first
# HTTP call, so it is named here.
set(CPACK_PACKAGE_NAME samplemind)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Analyse audio sample libraries with AI, paying once per answer")
set(CPACK_PACKAGE_DESCRIPTION "samplemind extracts tempo, key, loudness and more from audio samples, asks an AI
provider (or a built-in offline analyser) about them, and caches every answer in SQLite,
files, Redis or memory, so a repeated analysis costs nothing.")
set(CPACK_PACKAGE_CONTACT "samplemind developers <samplemind@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "redis-server")
set(CPACK_GENERATOR DEB)
include(CPack)
