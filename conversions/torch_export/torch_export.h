/* conversions/torch_export: reads a torch.export ExportedProgram serialized
 * as JSON (schema 8.x, torch._export.serde.serialize) and builds a module
 * with one `func.func @forward` of `aten` ops (mly-import). */
#ifndef MLY_CONVERSIONS_TORCH_EXPORT_H
#define MLY_CONVERSIONS_TORCH_EXPORT_H

#include <stdio.h>

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Imports the ExportedProgram JSON file at `path` into a new module owned
 * by the caller (destroy with mlirModuleDestroy). `ctx` must have the aten
 * dialect loaded (mlyDialectsLoad). Parameters, buffers and tensor
 * constants become the first arguments of @forward (each marked with
 * `mly.param = "<name>"`), user inputs follow; user outputs are the
 * results. The module is verified (IRDL and mlyVerify).
 * On failure returns a null module after printing every error to `err` as
 * "<path>: error: ...": unreadable or malformed JSON, an unknown schema
 * version, undefined values, dynamic shapes, every unsupported op of the
 * file, and verifier failures. */
MlirModule mlyTorchExportImportFile(MlirContext ctx, const char *path,
                                    FILE *err);

/* Calls `cb` once per supported ATen target with a line
 * "aten.add.Tensor -> aten.add\n" (".default" overloads without suffix). */
void mlyTorchExportPrintOps(MlirStringCallback cb, void *user_data);

#ifdef __cplusplus
}
#endif

#endif /* MLY_CONVERSIONS_TORCH_EXPORT_H */
