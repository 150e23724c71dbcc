"""PyTorch's side of benchmarks/ConvOpBench.java: each convolution or transposed convolution of a spec, forward and
backward (input gradient included), median CPU time of the thread over 10 calls after 3, one thread.

    /usr/bin/python3 benchmarks/conv_layer_twin.py "e5 c 512 512 16 4 2 1" "d3 d 1024 512 4 4 2 1"

Spec: "NAME c|d CIN COUT SIZE KERNEL STRIDE PADDING [BATCH]"; no argument: pix2pix-256's U-Net and PatchGAN layers.
"""
import os, sys, time
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gan4j_twins import set_threads
set_threads(1)
specs = ["e1 c 3 64 256 4 2 1","e2 c 64 128 128 4 2 1","e3 c 128 256 64 4 2 1","e4 c 256 512 32 4 2 1",
 "e5 c 512 512 16 4 2 1","e6 c 512 512 8 4 2 1","e7 c 512 512 4 4 2 1","e8 c 512 512 2 4 2 1",
 "d1 d 512 512 1 4 2 1","d2 d 1024 512 2 4 2 1","d3 d 1024 512 4 4 2 1","d4 d 1024 512 8 4 2 1",
 "d5 d 1024 256 16 4 2 1","d6 d 512 128 32 4 2 1","d7 d 256 64 64 4 2 1","d8 d 128 3 128 4 2 1",
 "D1 c 6 64 256 4 2 1","D2 c 64 128 128 4 2 1","D3 c 128 256 64 4 2 1","D4 c 256 512 32 4 1 1","D5 c 512 1 31 4 1 1"]
if len(sys.argv)>1: specs=sys.argv[1:]
reps=10
for spec in specs:
    f=spec.split(); n,kind=f[0],f[1]; cin,cout,h,k,s,p = map(int,f[2:8]); nb=int(f[8]) if len(f)>8 else 1
    m = (torch.nn.Conv2d(cin,cout,k,s,p) if kind=='c' else torch.nn.ConvTranspose2d(cin,cout,k,s,p))
    x = torch.randn(nb,cin,h,h, requires_grad=True)
    fw=[];bw=[]
    for r in range(reps+3):
        t0=time.thread_time(); y=m(x); t1=time.thread_time()
        g=torch.ones_like(y); t2=time.thread_time(); y.backward(g); t3=time.thread_time()
        if r>=3: fw.append(t1-t0); bw.append(t3-t2)
    fw.sort(); bw.sort(); oh=y.shape[2]
    ohw = h*h if kind=='d' else oh*oh
    gf=2.0*nb*ohw*cin*cout*k*k/1e9; f=fw[reps//2]*1e3; b=bw[reps//2]*1e3
    print(f"{n} fwd {f:.2f} ms bwd {b:.2f} ms  ({gf:.3f} GFLOP fwd; {gf/f*1e3:.0f} / {2*gf/b*1e3:.0f} GFLOP/s)")
