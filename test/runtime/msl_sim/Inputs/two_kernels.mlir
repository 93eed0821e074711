module attributes {gpu.container_module} {
  gpu.module @kernels {
    memref.global "private" constant @cst_0 : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
    gpu.func @fused_0_elementwise(%arg0: memref<4x4xf32>, %arg1: memref<4x4xf32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, mly.kind = "elementwise"} {
      %bid = gpu.block_id x
      %tid = gpu.thread_id x
      %bdim = gpu.block_dim x
      %t0 = arith.muli %bid, %bdim : index
      %i = arith.addi %t0, %tid : index
      %c16 = arith.constant 16 : index
      %in = arith.cmpi ult, %i, %c16 : index
      scf.if %in {
        %c4 = arith.constant 4 : index
        %r = arith.divui %i, %c4 : index
        %c = arith.remui %i, %c4 : index
        %x = memref.load %arg0[%r, %c] : memref<4x4xf32>
        %g = memref.get_global @cst_0 : memref<4xf32>
        %b = memref.load %g[%c] : memref<4xf32>
        %y = arith.addf %x, %b : f32
        %z = math.exp %y : f32
        memref.store %z, %arg1[%r, %c] : memref<4x4xf32>
      }
      gpu.return
    }
    gpu.func @fused_1_reduction(%arg0: memref<4x64xf32>, %arg1: memref<4xf32>) workgroup(%sh: memref<64xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, mly.kind = "reduction"} {
      %row = gpu.block_id x
      %tid = gpu.thread_id x
      %x = memref.load %arg0[%row, %tid] : memref<4x64xf32>
      %s = gpu.subgroup_reduce add %x : (f32) -> f32
      memref.store %s, %sh[%tid] : memref<64xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %c0 = arith.constant 0 : index
      %c32 = arith.constant 32 : index
      %p = arith.cmpi eq, %tid, %c0 : index
      scf.if %p {
        %a = memref.load %sh[%c0] : memref<64xf32, #gpu.address_space<workgroup>>
        %b = memref.load %sh[%c32] : memref<64xf32, #gpu.address_space<workgroup>>
        %t = arith.addf %a, %b : f32
        memref.store %t, %arg1[%row] : memref<4xf32>
      }
      gpu.return
    }
  }
  func.func @forward(%arg0: memref<4x4xf32> {mly.name = "x"}, %arg1: memref<4x64xf32> {mly.name = "w", mly.param = "w"}, %out0: memref<4x4xf32> {mly.output = 0 : i64}, %out1: memref<4xf32> {mly.output = 1 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c64 = arith.constant 64 : index
    %buf = memref.alloc() {alignment = 64 : i64, mly.offset = 0 : i64} : memref<4x4xf32>
    gpu.launch_func @kernels::@fused_0_elementwise blocks in (%c1, %c1, %c1) threads in (%c64, %c1, %c1) args(%arg0 : memref<4x4xf32>, %out0 : memref<4x4xf32>)
    gpu.launch_func @kernels::@fused_1_reduction blocks in (%c4, %c1, %c1) threads in (%c64, %c1, %c1) args(%arg1 : memref<4x64xf32>, %out1 : memref<4xf32>)
    memref.dealloc %buf : memref<4x4xf32>
    return
  }
}
