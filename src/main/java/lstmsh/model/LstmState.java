package lstmsh.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The recurrent state of every layer: h and c, each (1, batch, hidden of that layer). Layers
 * may differ in size, so each keeps its own pair rather than one stacked tensor.
 */
public record LstmState(List<NDArray> h, List<NDArray> c) implements AutoCloseable {

    public LstmState {
        h = List.copyOf(h);
        c = List.copyOf(c);
    }

    public int layers() {
        return h.size();
    }

    /** A copy cut from the graph and owned by {@code manager}, to carry to the next window. */
    public LstmState detachInto(NDManager manager) {
        List<NDArray> nh = new ArrayList<>();
        List<NDArray> nc = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            NDArray hh = h.get(i).stopGradient();
            hh.attach(manager);
            nh.add(hh);
            NDArray cc = c.get(i).stopGradient();
            cc.attach(manager);
            nc.add(cc);
        }
        return new LstmState(nh, nc);
    }

    /** Moves these arrays to {@code manager}, so they are freed when it closes. */
    public void attach(NDManager manager) {
        h.forEach(a -> a.attach(manager));
        c.forEach(a -> a.attach(manager));
    }

    @Override
    public void close() {
        h.forEach(NDArray::close);
        c.forEach(NDArray::close);
    }
}
