# cmake --install: the binary and the price table.
install(TARGETS samplemind RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/samplemind)
