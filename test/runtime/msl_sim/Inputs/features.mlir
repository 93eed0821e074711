// Host programs for msl-sim's tests, one mly.host function per feature
// (mly-run --entry). The kernels run as written in features.metal; their
// MLIR bodies are placeholders (msl-sim reads only their signatures,
// known_block_size and the host program).
module attributes {gpu.container_module} {
  memref.global "private" constant @scale : memref<8xi64> = dense<[1, -1, 2, -2, 3, -3, 1099511627776, 0]>
  gpu.module @kernels {
    gpu.func @rotate(%out: memref<256xi32>, %sum: memref<256xi32>) kernel attributes {known_block_size = array<i32: 256, 1, 1>} {
      gpu.return
    }
    gpu.func @simd(%x: memref<64xf32>, %out: memref<64x4xf32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>} {
      gpu.return
    }
    gpu.func @affine(%x: memref<6x8xi64>, %c: memref<8xi64>, %t: memref<6x8xi64>) kernel attributes {known_block_size = array<i32: 8, 1, 1>} {
      gpu.return
    }
    gpu.func @parity(%t: memref<6x8xi64>, %even: memref<6x8xi1>, %y: memref<6x8xi64>) kernel attributes {known_block_size = array<i32: 4, 2, 1>} {
      gpu.return
    }
    gpu.func @deadlock(%out: memref<64xf32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>} {
      gpu.return
    }
    gpu.func @math(%out: memref<12xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>} {
      gpu.return
    }
    gpu.func @halves(%h: memref<4xf16>, %b: memref<4xbf16>, %ho: memref<4xf16>, %bo: memref<4xbf16>) kernel attributes {known_block_size = array<i32: 4, 1, 1>} {
      gpu.return
    }
    gpu.func @uninit(%out: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 1, 1>} {
      gpu.return
    }
  }
  // Barriers and threadgroup memory: 8 rounds of passing values around a
  // 256-thread group, then thread 0 sums the group's slots for all.
  func.func @rotate(%out: memref<256xi32> {mly.output = 0 : i64}, %sum: memref<256xi32> {mly.output = 1 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c256 = arith.constant 256 : index
    gpu.launch_func @kernels::@rotate blocks in (%c1, %c1, %c1) threads in (%c256, %c1, %c1) args(%out : memref<256xi32>, %sum : memref<256xi32>)
    return
  }
  // simd_sum, simd_max and simd_shuffle_xor in a 64-thread group.
  func.func @simd(%x: memref<64xf32> {mly.name = "x"}, %out: memref<64x4xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    gpu.launch_func @kernels::@simd blocks in (%c1, %c1, %c1) threads in (%c64, %c1, %c1) args(%x : memref<64xf32>, %out : memref<64x4xf32>)
    return
  }
  // A 3x2 grid of 8-thread groups, then a 2x3 grid of 4x2 groups; i64
  // and i1 buffers, a host constant, an intermediate in an arena.
  func.func @grid(%x: memref<6x8xi64> {mly.name = "x"}, %even: memref<6x8xi1> {mly.output = 0 : i64}, %y: memref<6x8xi64> {mly.output = 1 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c = memref.get_global @scale : memref<8xi64>
    %t = memref.alloc() {alignment = 64 : i64, mly.offset = 128 : i64} : memref<6x8xi64>
    gpu.launch_func @kernels::@affine blocks in (%c3, %c2, %c1) threads in (%c8, %c1, %c1) args(%x : memref<6x8xi64>, %c : memref<8xi64>, %t : memref<6x8xi64>)
    gpu.launch_func @kernels::@parity blocks in (%c2, %c3, %c1) threads in (%c4, %c2, %c1) args(%t : memref<6x8xi64>, %even : memref<6x8xi1>, %y : memref<6x8xi64>)
    memref.dealloc %t : memref<6x8xi64>
    return
  }
  // Thread 0 skips a barrier the others wait at.
  func.func @deadlock(%out: memref<64xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    gpu.launch_func @kernels::@deadlock blocks in (%c1, %c1, %c1) threads in (%c64, %c1, %c1) args(%out : memref<64xf32>)
    return
  }
  // Reads threadgroup memory no thread wrote: undefined on a GPU, 0xff
  // bytes (NaN) here, in each of two groups.
  func.func @uninit(%out: memref<4xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c4 = arith.constant 4 : index
    gpu.launch_func @kernels::@uninit blocks in (%c2, %c1, %c1) threads in (%c4, %c1, %c1) args(%out : memref<4xf32>)
    return
  }
  // Scalar semantics of the shim: bit casts, NaN handling, half and
  // bfloat rounded after each operation, signed char, wrapping int.
  func.func @math(%out: memref<12xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    gpu.launch_func @kernels::@math blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%out : memref<12xf32>)
    return
  }
  // f16 and bf16 buffers, computed in their own type.
  func.func @halves(%h: memref<4xf16> {mly.name = "h"}, %b: memref<4xbf16> {mly.name = "b"}, %ho: memref<4xf16> {mly.output = 0 : i64}, %bo: memref<4xbf16> {mly.output = 1 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    gpu.launch_func @kernels::@halves blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%h : memref<4xf16>, %b : memref<4xbf16>, %ho : memref<4xf16>, %bo : memref<4xbf16>)
    return
  }
  // A launch whose block size is not the kernel's known_block_size.
  func.func @wrong_block(%out: memref<4xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    gpu.launch_func @kernels::@uninit blocks in (%c1, %c1, %c1) threads in (%c8, %c1, %c1) args(%out : memref<4xf32>)
    return
  }
  // A host op msl-sim does not run.
  func.func @host_op(%out: memref<4xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %f = arith.constant 1.0 : f32
    gpu.launch_func @kernels::@uninit blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%out : memref<4xf32>)
    memref.store %f, %out[%c1] : memref<4xf32>
    return
  }
}
