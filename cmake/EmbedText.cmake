# mly_embed_text(<out.c> <symbol> <file>): writes a C file that defines
# `const char <symbol>[]` holding <file>'s bytes, rebuilt when <file> changes.
function(mly_embed_text out symbol file)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedTextScript.cmake
    DEPENDS ${file} ${CMAKE_SOURCE_DIR}/cmake/EmbedTextScript.cmake
    COMMENT "Embedding ${file}")
endfunction()
