module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @erf(%x: memref<256xf32>, %o: memref<256xf32>) kernel attributes {known_block_size = array<i32: 64, 1, 1>, mly.kind = "elementwise"} {
      %t = gpu.thread_id x
      %b = gpu.block_id x
      %c64 = arith.constant 64 : index
      %base = arith.muli %b, %c64 : index
      %i = arith.addi %base, %t : index
      %a = memref.load %x[%i] : memref<256xf32>
      %e = math.erf %a : f32
      memref.store %e, %o[%i] : memref<256xf32>
      gpu.return
    }
  }
  func.func @forward(%x: memref<256xf32> {mly.name = "x"}, %out: memref<256xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c64 = arith.constant 64 : index
    gpu.launch_func @kernels::@erf blocks in (%c4, %c1, %c1) threads in (%c64, %c1, %c1) args(%x : memref<256xf32>, %out : memref<256xf32>)
    return
  }
}
