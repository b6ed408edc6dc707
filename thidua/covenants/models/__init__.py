from .covenant import Covenant, CovenantItem, CovenantSignature, Criterion
from .movement import Movement
from .registration import Registration

__all__ = ["Covenant", "CovenantItem", "CovenantSignature", "Criterion", "Movement", "Registration"]
