module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @int_ops(%x: memref<8xi32>, %y: memref<8xi32>, %o: memref<6x8xi32>) kernel attributes {known_block_size = array<i32: 8, 1, 1>, mly.kind = "elementwise"} {
      %i = gpu.thread_id x
      %a = memref.load %x[%i] : memref<8xi32>
      %b = memref.load %y[%i] : memref<8xi32>
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %c3 = arith.constant 3 : index
      %c4 = arith.constant 4 : index
      %c5 = arith.constant 5 : index
      %one = arith.constant 1 : i32
      %fd = arith.floordivsi %a, %b : i32
      memref.store %fd, %o[%c0, %i] : memref<6x8xi32>
      %cd = arith.ceildivsi %a, %b : i32
      memref.store %cd, %o[%c1, %i] : memref<6x8xi32>
      %du = arith.divui %a, %b : i32
      memref.store %du, %o[%c2, %i] : memref<6x8xi32>
      %sh = arith.shrui %a, %one : i32
      memref.store %sh, %o[%c3, %i] : memref<6x8xi32>
      %t8 = arith.trunci %a : i32 to i8
      %e8 = arith.extui %t8 : i8 to i32
      memref.store %e8, %o[%c4, %i] : memref<6x8xi32>
      %lt = arith.cmpi ult, %a, %b : i32
      %m = arith.extsi %lt : i1 to i32
      memref.store %m, %o[%c5, %i] : memref<6x8xi32>
      gpu.return
    }
  }
  func.func @forward(%x: memref<8xi32> {mly.name = "x"}, %y: memref<8xi32> {mly.name = "y"}, %out: memref<6x8xi32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    gpu.launch_func @kernels::@int_ops blocks in (%c1, %c1, %c1) threads in (%c8, %c1, %c1) args(%x : memref<8xi32>, %y : memref<8xi32>, %out : memref<6x8xi32>)
    return
  }
}
