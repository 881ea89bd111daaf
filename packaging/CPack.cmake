# Where `cmake --install` puts what is not a target (the binaries install from cmd/ and
# sandbox/), and the Debian package: `cpack -G DEB` in a build directory.
# Included at the end of the top-level CMakeLists.txt, once every target exists.

# Man pages are installed gzip -9n'd, as Debian policy wants: -n leaves the name and time out
# of the header, so the same page gives the same bytes. man/*.1 are generated and committed by
# scripts/regen-docs.sh (crm's command tree); crm-sandbox.1 is written here from
# `crm-sandbox --help` (packaging/sandbox-man.cmake), so it lists the options of this build.
find_program(CRM_GZIP gzip REQUIRED)
set(CRM_DOC_DIR ${PROJECT_BINARY_DIR}/packaging)
add_custom_command(OUTPUT ${CRM_DOC_DIR}/crm-sandbox.1
  COMMAND ${CMAKE_COMMAND} -DSANDBOX=$<TARGET_FILE:crm-sandbox> -DVERSION=${PROJECT_VERSION}
          -DOUT=${CRM_DOC_DIR}/crm-sandbox.1 -P ${PROJECT_SOURCE_DIR}/packaging/sandbox-man.cmake
  DEPENDS crm-sandbox ${PROJECT_SOURCE_DIR}/packaging/sandbox-man.cmake
  COMMENT "Writing crm-sandbox.1 from crm-sandbox --help" VERBATIM)
# The one glob of the build: the set of pages is the generator's output, not a list of sources.
file(GLOB CRM_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.1)
set(CRM_GZIPPED)
foreach(source ${CRM_MAN_PAGES} ${CRM_DOC_DIR}/crm-sandbox.1 ${PROJECT_SOURCE_DIR}/packaging/changelog)
  get_filename_component(name ${source} NAME)
  add_custom_command(OUTPUT ${CRM_DOC_DIR}/${name}.gz
    COMMAND ${CRM_GZIP} -9nc ${source} > ${CRM_DOC_DIR}/${name}.gz
    DEPENDS ${source} VERBATIM)
  list(APPEND CRM_GZIPPED ${CRM_DOC_DIR}/${name}.gz)
endforeach()
add_custom_target(crm_docs ALL DEPENDS ${CRM_GZIPPED})
list(FILTER CRM_GZIPPED INCLUDE REGEX "\\.1\\.gz$")
install(FILES ${CRM_GZIPPED} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(FILES ${PROJECT_SOURCE_DIR}/completions/crm.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME crm)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_crm DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/completions/crm.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian's places: copyright (machine-readable, DEP-5) and, the version having no Debian
# revision (a native package), changelog.gz. Add a changelog entry with every version bump.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CRM_DOC_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(STRINGS ${PROJECT_SOURCE_DIR}/packaging/changelog CRM_CHANGELOG_TOP LIMIT_COUNT 1)
if(NOT CRM_CHANGELOG_TOP MATCHES "^crm \\(${PROJECT_VERSION}\\) ")
  message(WARNING "packaging/changelog has no entry for ${PROJECT_VERSION} at the top: add one")
endif()

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
# Lines under 80 characters (lintian: extended-description-line-too-long).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "crm lists, creates, updates and deletes the leads, opportunities, contacts,
organizations and cases of a CRM as a Service instance, with bulk deletes safe
to run from cron, output as tables, JSON, NDJSON, CSV, TSV or ids, and shell
completions for bash, zsh and fish. crm-sandbox is a local emulator of the API
for trying commands and testing scripts.")
# Depends (libcurl4, libsqlite3-0, libfmt9 for crm-sandbox, ...) from the binaries' links, by
# dpkg-shlibdeps. crm opens libjq with dlopen on the first --jq (src/render/jq_lib.cpp), which
# dpkg-shlibdeps cannot see: libjq1 is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libjq1")
include(CPack)
