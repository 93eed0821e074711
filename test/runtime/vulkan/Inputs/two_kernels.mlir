// A host program for the vulkan backend's tests: a host constant, an
// intermediate in the arena (mly.offset), an i1 input, two launches that
// depend on each other (a barrier between them), workgroup memory and
// gpu.barrier inside the second kernel. Outputs are exact.
module attributes {gpu.container_module} {
  memref.global "private" constant @cst_0 : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
  gpu.module @kernels {
    gpu.func @scale(%x: memref<4x4xf32>, %c: memref<4xf32>, %y: memref<4x4xf32>, %t: memref<4x4xf32>) kernel attributes {known_block_size = array<i32: 16, 1, 1>, mly.kind = "elementwise"} {
      %i = gpu.thread_id x
      %c4 = arith.constant 4 : index
      %r = arith.divui %i, %c4 : index
      %k = arith.remui %i, %c4 : index
      %a = memref.load %x[%r, %k] : memref<4x4xf32>
      %b = memref.load %c[%k] : memref<4xf32>
      %m = arith.mulf %a, %b : f32
      %one = arith.constant 1.0 : f32
      %v = arith.addf %m, %one : f32
      memref.store %v, %y[%r, %k] : memref<4x4xf32>
      memref.store %v, %t[%r, %k] : memref<4x4xf32>
      gpu.return
    }
    gpu.func @rowsum(%t: memref<4x4xf32>, %mask: memref<4xi1>, %s: memref<4xf32>) workgroup(%sh: memref<4xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 4, 1, 1>, mly.kind = "reduction"} {
      %row = gpu.block_id x
      %i = gpu.thread_id x
      %v = memref.load %t[%row, %i] : memref<4x4xf32>
      memref.store %v, %sh[%i] : memref<4xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %c0 = arith.constant 0 : index
      %first = arith.cmpi eq, %i, %c0 : index
      scf.if %first {
        %c1 = arith.constant 1 : index
        %c4 = arith.constant 4 : index
        %z = arith.constant 0.0 : f32
        %sum = scf.for %j = %c0 to %c4 step %c1 iter_args(%acc = %z) -> (f32) {
          %e = memref.load %sh[%j] : memref<4xf32, #gpu.address_space<workgroup>>
          %n = arith.addf %acc, %e : f32
          scf.yield %n : f32
        }
        %keep = memref.load %mask[%row] : memref<4xi1>
        %o = arith.select %keep, %sum, %z : f32
        memref.store %o, %s[%row] : memref<4xf32>
      }
      gpu.return
    }
  }
  func.func @forward(%x: memref<4x4xf32> {mly.name = "x"}, %mask: memref<4xi1> {mly.name = "mask"}, %out0: memref<4x4xf32> {mly.output = 0 : i64}, %out1: memref<4xf32> {mly.output = 1 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    %cst = memref.get_global @cst_0 : memref<4xf32>
    %tmp = memref.alloc() {alignment = 64 : i64, mly.offset = 64 : i64} : memref<4x4xf32>
    gpu.launch_func @kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%x : memref<4x4xf32>, %cst : memref<4xf32>, %out0 : memref<4x4xf32>, %tmp : memref<4x4xf32>)
    gpu.launch_func @kernels::@rowsum blocks in (%c4, %c1, %c1) threads in (%c4, %c1, %c1) args(%tmp : memref<4x4xf32>, %mask : memref<4xi1>, %out1 : memref<4xf32>)
    memref.dealloc %tmp : memref<4x4xf32>
    return
  }
}
