# cmake --install (honours --prefix and DESTDIR): the binary, the price table, a man page
# and shell completions. The man page and completions are written at build time by the
# binary itself (help2man reads --help; `samplemind completions SHELL`), so they always
# describe the commands and options this build has.
install(TARGETS samplemind RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES data/prices.json DESTINATION ${CMAKE_INSTALL_DATADIR}/samplemind)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)

set(SAMPLEMIND_GENERATED ${CMAKE_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${SAMPLEMIND_GENERATED})
foreach(shell bash zsh fish)
  list(APPEND SAMPLEMIND_COMPLETIONS ${SAMPLEMIND_GENERATED}/samplemind.${shell})
  add_custom_command(OUTPUT ${SAMPLEMIND_GENERATED}/samplemind.${shell}
    COMMAND $<TARGET_FILE:samplemind> completions ${shell} > ${SAMPLEMIND_GENERATED}/samplemind.${shell}
    DEPENDS samplemind WORKING_DIRECTORY ${SAMPLEMIND_GENERATED}
    COMMENT "Writing the ${shell} completion")
endforeach()
add_custom_target(samplemind_completions ALL DEPENDS ${SAMPLEMIND_COMPLETIONS})
install(FILES ${SAMPLEMIND_GENERATED}/samplemind.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME samplemind)
install(FILES ${SAMPLEMIND_GENERATED}/samplemind.zsh DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        RENAME _samplemind)
install(FILES ${SAMPLEMIND_GENERATED}/samplemind.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

find_program(SAMPLEMIND_HELP2MAN help2man)
if(SAMPLEMIND_HELP2MAN)
  add_custom_command(OUTPUT ${SAMPLEMIND_GENERATED}/samplemind.1
    COMMAND ${SAMPLEMIND_HELP2MAN} --no-info --section=1 --source=samplemind --help-option=--help-all
            "--name=analyse audio sample libraries with AI, paying once per answer"
            --include=${CMAKE_SOURCE_DIR}/docs/samplemind.h2m
            --output=${SAMPLEMIND_GENERATED}/samplemind.1 $<TARGET_FILE:samplemind>
    DEPENDS samplemind ${CMAKE_SOURCE_DIR}/docs/samplemind.h2m WORKING_DIRECTORY ${SAMPLEMIND_GENERATED}
    COMMENT "Writing the man page with help2man")
  add_custom_target(samplemind_manpage ALL DEPENDS ${SAMPLEMIND_GENERATED}/samplemind.1)
  install(FILES ${SAMPLEMIND_GENERATED}/samplemind.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found (apt-get install help2man): no man page is built or installed")
endif()

include(cmake/Packaging.cmake)
