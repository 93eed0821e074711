module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      gpu.return
    }
  }
  func.func @forward(%x: memref<8xf32> {mly.name = "x"}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %v = memref.subview %x[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
    %c = memref.cast %v : memref<4xf32, strided<[1]>> to memref<4xf32>
    gpu.launch_func @kernels::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%c : memref<4xf32>)
    return
  }
}
