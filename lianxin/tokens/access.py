from lianxin.core.access import everyone

ACCESS = {"api/v1/me": everyone()}
