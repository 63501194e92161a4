#!/usr/bin/python3
"""The 2-H-1 XOR network's training steps with PyTorch, to time against
xorsteps.

Usage: /usr/bin/python3 bench/python/xor_torch.py [iterations] [hidden] [seed]
(defaults: 200000 4 1)

The network is nn.Linear(2, H), sigmoid, nn.Linear(H, 1), sigmoid, in
float64 like the Go side, every weight and bias drawn from N(0,1). Each
iteration takes one row drawn uniformly at random, computes the loss
(o-t)^2/2 directly (nn.MSELoss would be twice that), backpropagates, and
lets torch.optim.SGD(lr=0.5) move every parameter. One thread only.
The row indices are drawn in blocks with torch.randint. The losses are
summed. It prints one line of key=value pairs, the same keys as xorsteps.
"""

import sys
import time

import torch
from torch import nn

RATE = 0.5
BLOCK = 4096  # row indices drawn per call to the generator


def main():
    iters = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    hidden = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    if iters < 1 or hidden < 1:
        sys.exit("usage: xor_torch.py [iterations >= 1] [hidden >= 1] [seed]")

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    dtype = torch.float64
    x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype)
    t = torch.tensor([[0], [1], [1], [0]], dtype=dtype)
    rows = x.shape[0]

    net = nn.Sequential(
        nn.Linear(2, hidden), nn.Sigmoid(),
        nn.Linear(hidden, 1), nn.Sigmoid(),
    ).to(dtype)
    with torch.no_grad():
        for p in net.parameters():
            nn.init.normal_(p, mean=0.0, std=1.0)
    opt = torch.optim.SGD(net.parameters(), lr=RATE)

    total = 0.0
    done = 0
    start = time.perf_counter()
    while done < iters:
        take = min(BLOCK, iters - done)
        for i in torch.randint(0, rows, (take,)).tolist():
            o = net(x[i:i + 1])
            loss = 0.5 * (o - t[i:i + 1]).pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        done += take
    secs = time.perf_counter() - start

    with torch.no_grad():
        final_max = (0.5 * (net(x) - t).pow(2)).max().item()
    print(f"xor lang=torch hidden={hidden} iters={iters} seconds={secs:.6f} "
          f"ns_per_iter={secs * 1e9 / iters:.3f} mean_loss={total / iters:.3g} "
          f"final_max_loss={final_max:.3g}")


if __name__ == "__main__":
    main()
