"""A raw client on a visitor's kernel websocket, for tests that play a second browser or a hostile one."""
from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime, timezone

from tornado.websocket import websocket_connect


class Kernel:
    """A raw client on a kernel's websocket, in Jupyter's plain JSON form (no browser, no widget manager)."""

    def __init__(self, base_url: str, kernel_id: str):
        self.url = base_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
        self.session = uuid.uuid4().hex

    async def __aenter__(self):
        self.ws = await websocket_connect(self.url)
        return self

    async def __aexit__(self, *exc):
        self.ws.close()

    def message(self, msg_type: str, content: dict, channel: str = "shell") -> dict:
        return {"header": {"msg_id": uuid.uuid4().hex, "username": "hostile", "session": self.session, "msg_type": msg_type,
                           "version": "5.3", "date": datetime.now(timezone.utc).isoformat()},
                "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}

    async def send(self, msg_type: str, content: dict) -> str:
        message = self.message(msg_type, content)
        await self.ws.write_message(json.dumps(message))
        return message["header"]["msg_id"]

    async def reply(self, msg_id: str, msg_type: str, timeout: float = 30) -> dict:
        """The first message answering `msg_id` with type `msg_type` (others are read and dropped)."""
        async def read():
            while True:
                raw = await self.ws.read_message()
                if raw is None:
                    raise ConnectionError("the kernel's websocket closed")
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") == msg_id and message["header"]["msg_type"] == msg_type:
                    return message
        return await asyncio.wait_for(read(), timeout)

    async def widgets(self) -> dict:
        msg_id = await self.send("comm_info_request", {"target_name": "jupyter.widget"})
        return (await self.reply(msg_id, "comm_info_reply"))["content"]["comms"]

    async def state(self, comm_id: str) -> dict:
        msg_id = await self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}})
        while True:
            message = await self.reply(msg_id, "comm_msg")
            if message["content"]["data"].get("method") == "update":
                return message["content"]["data"]["state"]

    async def update(self, comm_id: str, **state) -> None:
        await self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}})

    async def alive(self) -> bool:
        msg_id = await self.send("kernel_info_request", {})
        return (await self.reply(msg_id, "kernel_info_reply"))["content"]["status"] == "ok"

    async def find(self, **wanted) -> str:
        """The comm id of the first widget whose state has all the wanted values (say, description=...)."""
        for comm_id in await self.widgets():
            state = await self.state(comm_id)
            if all(state.get(key) == value for key, value in wanted.items()):
                return comm_id
        raise LookupError(f"no widget with {wanted}")
