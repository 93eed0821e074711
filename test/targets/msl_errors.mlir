// RUN: not mly-translate --mlir-to-msl --split-input-file %s 2>&1 | FileCheck %s
// What the msl target refuses: each is an error at the offending op, and
// the tool exits 1.

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %v = memref.load %x[%c0] : memref<4xf32>
      // CHECK: msl_errors.mlir:[[@LINE+1]]:12: error: 'math.log1p' op is not supported by the msl target
      %l = math.log1p %v : f32
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      // CHECK: msl_errors.mlir:[[@LINE+1]]:12: error: 'arith.constant' op has type 'f64', which the msl target does not support
      %d = arith.constant 1.0 : f64
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      // CHECK: msl_errors.mlir:[[@LINE+1]]:12: error: 'arith.constant' op has type 'vector<4xf32>', which the msl target does not support
      %d = arith.constant dense<1.0> : vector<4xf32>
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op is not a kernel; the msl target emits kernels only
    gpu.func @device_fn(%x: memref<4xf32>) {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op has a memref of dynamic shape, which the msl target does not support
    gpu.func @k(%x: memref<?xf32>) kernel {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op has a memref of 2147483648 elements; the msl target indexes with int (at most 2^31 - 1 elements)
    gpu.func @k(%x: memref<65536x32768xi8>) kernel {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op has a memref with a non-identity layout, which the msl target does not support
    gpu.func @k(%x: memref<4x4xf32, strided<[8, 1]>>) kernel {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'memref.global' op is not a constant with a dense initial value; the msl target supports only those
    memref.global "private" @state : memref<4xf32> = dense<0.0>
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %v = memref.load %x[%c0] : memref<4xf32>
      // CHECK: msl_errors.mlir:[[@LINE+1]]:12: error: 'gpu.subgroup_reduce' op has a cluster size; the msl target reduces whole SIMD-groups only
      %s = gpu.subgroup_reduce add %v cluster(size = 4) : (f32) -> f32
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      // CHECK: msl_errors.mlir:[[@LINE+1]]:14: error: 'arith.constant' op has index value 4294967296, beyond the msl target's int indices
      %big = arith.constant 4294967296 : index
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op has more than one block; the msl target needs structured control flow (scf)
    gpu.func @k(%x: memref<4xf32>) kernel {
      cf.br ^bb1
    ^bb1:
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: msl_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op is named 'mly_kernel', which is no MSL identifier of its own (reserved, or not letters, digits and '_')
    gpu.func @mly_kernel(%x: memref<4xf32>) kernel {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      // CHECK: msl_errors.mlir:[[@LINE+1]]:12: error: 'memref.alloca' op is not supported by the msl target
      %a = memref.alloca() : memref<4xf32>
      gpu.return
    }
  }
}

// -----
// CHECK: msl_errors.mlir:[[@LINE+1]]:1: error: the module holds no gpu.module to translate
module {
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      // CHECK: msl_errors.mlir:[[@LINE+1]]:12: error: custom op 'arith.nonsense' is unknown
      %a = arith.nonsense : f32
      gpu.return
    }
  }
}

// CHECK-NOT: error:
