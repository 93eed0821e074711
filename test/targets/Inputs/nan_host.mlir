module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @nan_semantics(%x: memref<8xf32>, %y: memref<8xf32>, %o: memref<8x8xf32>) kernel attributes {known_block_size = array<i32: 8, 1, 1>, mly.kind = "elementwise"} {
      %i = gpu.thread_id x
      %a = memref.load %x[%i] : memref<8xf32>
      %b = memref.load %y[%i] : memref<8xf32>
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %c3 = arith.constant 3 : index
      %c4 = arith.constant 4 : index
      %c5 = arith.constant 5 : index
      %c6 = arith.constant 6 : index
      %c7 = arith.constant 7 : index
      %max = arith.maximumf %a, %b : f32
      memref.store %max, %o[%c0, %i] : memref<8x8xf32>
      %min = arith.minimumf %a, %b : f32
      memref.store %min, %o[%c1, %i] : memref<8x8xf32>
      %maxn = arith.maxnumf %a, %b : f32
      memref.store %maxn, %o[%c2, %i] : memref<8x8xf32>
      %minn = arith.minnumf %a, %b : f32
      memref.store %minn, %o[%c3, %i] : memref<8x8xf32>
      %one = arith.cmpf one, %a, %b : f32
      %fone = arith.uitofp %one : i1 to f32
      memref.store %fone, %o[%c4, %i] : memref<8x8xf32>
      %ueq = arith.cmpf ueq, %a, %b : f32
      %fueq = arith.uitofp %ueq : i1 to f32
      memref.store %fueq, %o[%c5, %i] : memref<8x8xf32>
      %ult = arith.cmpf ult, %a, %b : f32
      %fult = arith.uitofp %ult : i1 to f32
      memref.store %fult, %o[%c6, %i] : memref<8x8xf32>
      %uno = arith.cmpf uno, %a, %b : f32
      %funo = arith.uitofp %uno : i1 to f32
      memref.store %funo, %o[%c7, %i] : memref<8x8xf32>
      gpu.return
    }
  }
  func.func @forward(%x: memref<8xf32> {mly.name = "x"}, %y: memref<8xf32> {mly.name = "y"}, %out: memref<8x8xf32> {mly.output = 0 : i64}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    gpu.launch_func @kernels::@nan_semantics blocks in (%c1, %c1, %c1) threads in (%c8, %c1, %c1) args(%x : memref<8xf32>, %y : memref<8xf32>, %out : memref<8x8xf32>)
    return
  }
}
