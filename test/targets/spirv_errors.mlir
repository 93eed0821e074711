// RUN: not mly-translate --mlir-to-spirv --split-input-file %s -o %t 2>&1 | FileCheck %s
// RUN: not mly-translate --mlir-to-spirv --target-option=emit=html %S/spirv_text.mlir -o %t 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not mly-translate --mlir-to-spirv --target-option=kernel=nope %S/spirv_text.mlir -o %t 2>&1 | FileCheck %s --check-prefix=KERNEL
// What the spirv target refuses: an op that does not convert is named at
// its location, a kernel needs its workgroup size, options are checked.

// OPTION: error: 'gpu.module' op spirv target: unknown option 'emit=html' (emit=binary|text, index-bits=32|64, kernel=<name>)
// KERNEL: error: 'gpu.module' op spirv target: no kernel 'nope' (option kernel)

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>} {
      %t = gpu.thread_id x
      %x = memref.load %a[%t] : memref<4xf32>
      // CHECK: spirv_errors.mlir:[[@LINE+1]]:12: error: failed to legalize operation 'math.cbrt'
      %e = math.cbrt %x : f32
      memref.store %e, %a[%t] : memref<4xf32>
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: spirv_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op spirv target: the kernel has no known_block_size of three sizes (the workgroup size of its entry point)
    gpu.func @k(%a: memref<4xf32>) kernel {
      gpu.return
    }
  }
}

// -----
// bf16 (no type of Vulkan's SPIR-V; the upstream conversion would store
// it as f32 and read other elements than the host wrote): refused at the
// kernel for a bf16 buffer, at the op for a bf16 value.
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK: spirv_errors.mlir:[[@LINE+1]]:5: error: 'gpu.func' op spirv target: bf16 is not supported yet
    gpu.func @k(%a: memref<4xbf16>, %b: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>} {
      %t = gpu.thread_id x
      %x = memref.load %a[%t] : memref<4xbf16>
      %y = arith.extf %x : bf16 to f32
      memref.store %y, %b[%t] : memref<4xf32>
      gpu.return
    }
  }
}

// -----
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>} {
      %t = gpu.thread_id x
      %x = memref.load %a[%t] : memref<4xf32>
      // CHECK: spirv_errors.mlir:[[@LINE+1]]:12: error: 'arith.truncf' op spirv target: bf16 is not supported yet
      %h = arith.truncf %x : f32 to bf16
      %y = arith.extf %h : bf16 to f32
      memref.store %y, %a[%t] : memref<4xf32>
      gpu.return
    }
  }
}
