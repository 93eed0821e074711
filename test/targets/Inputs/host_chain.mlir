module attributes {gpu.container_module} {
  memref.global "private" constant @scale : memref<8xf32> = dense<2.0>
  gpu.module @kernels {
    gpu.func @fused_0_elementwise(%x: memref<8xf32>, %t: memref<8xf32>) kernel attributes {known_block_size = array<i32: 8, 1, 1>, mly.kind = "elementwise"} {
      %i = gpu.thread_id x
      %v = memref.load %x[%i] : memref<8xf32>
      memref.store %v, %t[%i] : memref<8xf32>
      gpu.return
    }
    gpu.func @fused_1_elementwise(%t: memref<8xf32>, %s: memref<8xf32>, %w: memref<8xf16>, %y: memref<8xf32>) workgroup(%a: memref<8xf32, #gpu.address_space<workgroup>>, %b: memref<4xf16, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 8, 1, 1>, mly.kind = "elementwise"} {
      %i = gpu.thread_id x
      %v = memref.load %t[%i] : memref<8xf32>
      %k = memref.load %s[%i] : memref<8xf32>
      %p = arith.mulf %v, %k : f32
      memref.store %p, %t[%i] : memref<8xf32>
      memref.store %p, %y[%i] : memref<8xf32>
      gpu.return
    }
  }
  func.func @main(%x: memref<8xf32> {mly.name = "tokens"}, %w: memref<8xf16> {mly.name = "w", mly.param = "layer.weight"}, %y: memref<8xf32> {mly.name = "logits", mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c8 = arith.constant 8 : index
    %c64 = arith.constant 64 : i32
    %t = memref.alloc() {alignment = 64 : i64, mly.offset = 64 : i64} : memref<8xf32>
    %s = memref.get_global @scale : memref<8xf32>
    %s2 = memref.get_global @scale : memref<8xf32>
    gpu.launch_func @kernels::@fused_0_elementwise blocks in (%c1, %c1, %c1) threads in (%c8, %c1, %c1) args(%x : memref<8xf32>, %t : memref<8xf32>)
    gpu.launch_func @kernels::@fused_1_elementwise blocks in (%c2, %c1, %c1) threads in (%c8, %c1, %c1) dynamic_shared_memory_size %c64 args(%t : memref<8xf32>, %s2 : memref<8xf32>, %w : memref<8xf16>, %y : memref<8xf32>)
    gpu.launch_func @kernels::@fused_0_elementwise blocks in (%c1, %c1, %c1) threads in (%c8, %c1, %c1) args(%x : memref<8xf32>, %t : memref<8xf32>)
    memref.dealloc %t : memref<8xf32>
    return
  }
}
