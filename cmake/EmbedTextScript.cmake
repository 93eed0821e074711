# Script mode helper of mly_embed_text: hex-encodes IN into a C array.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" hex "${hex}")
file(WRITE ${OUT} "/* Generated from ${IN}; do not edit. */\n#include <stddef.h>\nconst char ${SYMBOL}[] = {\n${hex}0x00};\nconst size_t ${SYMBOL}_size = sizeof(${SYMBOL}) - 1;\n")
