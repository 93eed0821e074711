// RUN: not mly-translate --mlir-to-hip --split-input-file %s 2>&1 | FileCheck %s
// What the hip target refuses: each is an error at the offending op.

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<64xf32>) kernel {
      %c0 = arith.constant 0 : index
      %v = memref.load %x[%c0] : memref<64xf32>
      // CHECK: errors.mlir:[[@LINE+1]]:12: error: 'gpu.subgroup_reduce' op has a cluster size; the hip target reduces whole wavefronts only
      %s = gpu.subgroup_reduce add %v cluster(size = 4) : (f32) -> f32
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %v = memref.load %x[%c0] : memref<4xf32>
      // CHECK: errors.mlir:[[@LINE+1]]:12: error: 'math.log1p' op is not supported by the hip target
      %l = math.log1p %v : f32
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op is named 'threadIdx', which is no HIP identifier of its own (reserved, or not letters, digits and '_')
    gpu.func @threadIdx(%x: memref<4xf32>) kernel {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      // CHECK: errors.mlir:[[@LINE+1]]:12: error: 'arith.constant' op has type 'f64', which the hip target does not support
      %d = arith.constant 1.0 : f64
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op is named 'erf', which is no HIP identifier of its own (reserved, or not letters, digits and '_')
    gpu.func @erf(%x: memref<4xf32>) kernel {
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op has mly.occupancy = 0; 1 to 32 workgroups fit
    gpu.func @k(%x: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>, mly.occupancy = 0 : i32} {
      gpu.return
    }
  }
}
