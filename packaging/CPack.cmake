# Where `cmake --install` puts what is not a target (the binaries install from cmd/ and
# sandbox/), and the Debian package: `cpack -G DEB` in a build directory.
# Included at the end of the top-level CMakeLists.txt, once every target exists.

# Generated and committed by scripts/regen-docs.sh, so a plain build needs no generator run.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 FILES_MATCHING PATTERN "*.1")
install(FILES ${PROJECT_SOURCE_DIR}/completions/crm.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME crm)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_crm DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/completions/crm.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
foreach(doc README.md LICENSE)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${doc})
    install(FILES ${PROJECT_SOURCE_DIR}/${doc} DESTINATION ${CMAKE_INSTALL_DOCDIR})
  endif()
endforeach()

set(CRM_PACKAGE_MAINTAINER "crm maintainers <maintainers@users.noreply.r-seed-d75cbd55.example>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME crm)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # crm_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CRM_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# The long description; CPack puts the summary above it and indents it as Debian wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "crm lists, creates, updates and deletes the leads, opportunities, contacts, organizations
and cases of a CRM as a Service instance, with bulk deletes safe to run from cron, output
as tables, JSON, NDJSON, CSV, TSV or ids, and shell completions for bash, zsh and fish.
crm-sandbox is a local emulator of the API for trying commands and testing scripts.")
# Depends (libcurl4, libfmt9, libtomlplusplus3, libsqlite3-0, ...) from the binaries' links.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
